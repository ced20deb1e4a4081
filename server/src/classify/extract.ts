/**
 * Entity extraction from Chinese customer text: order numbers, card keys (always masked),
 * games and product kinds from a curated lexicon, money amounts and phone numbers.
 * Positions are UTF-16 offsets into the original text so the UI can highlight them.
 */

export const ENTITY_KINDS = ['order_no', 'card_key', 'phone', 'amount', 'game', 'product'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const PRODUCT_KINDS = [
  'point_card', // 点卡 / 一卡通
  'period_card', // 月卡 / 周卡 / 战令
  'game_currency', // 钻石 / 点券 / 元宝 …
  'licence', // 激活码 / 授权码 / 许可证 …
  'qcoin', // Q币
  'gift_card', // 礼品卡 / 钱包码
  'game_item', // 皮肤 / 道具 / 装备
  'phone_topup', // 话费 / 流量
] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export interface Entity {
  kind: EntityKind;
  /**
   * Normalised value: order numbers upper-cased, card keys masked, games by canonical name,
   * products by kind, amounts in yuan with two decimals, phones without separators.
   */
  value: string;
  start: number;
  end: number;
}

export interface Extraction {
  entities: Entity[];
  orderNumbers: string[];
  /** Masked; the full key never leaves this function. */
  cardKeys: string[];
  games: string[];
  products: ProductKind[];
  amountsCents: number[];
  phones: string[];
  /** The input with every card key masked in place (same length, so positions still hold). */
  maskedText: string;
}

interface Lexeme<V extends string> {
  value: V;
  forms: readonly string[];
}

const GAMES: readonly Lexeme<string>[] = [
  { value: '王者荣耀', forms: ['王者荣耀', '王者', '农药'] },
  { value: '和平精英', forms: ['和平精英', '吃鸡'] },
  { value: '英雄联盟', forms: ['英雄联盟', 'lol'] },
  { value: '原神', forms: ['原神'] },
  { value: '崩坏：星穹铁道', forms: ['崩坏：星穹铁道', '星穹铁道', '星铁'] },
  { value: '穿越火线', forms: ['穿越火线', 'cf'] },
  { value: '地下城与勇士', forms: ['地下城与勇士', 'dnf'] },
  { value: '梦幻西游', forms: ['梦幻西游', '梦幻'] },
  { value: '大话西游', forms: ['大话西游'] },
  { value: '魔兽世界', forms: ['魔兽世界', 'wow'] },
  { value: '剑网3', forms: ['剑网3', '剑网三', '剑三'] },
  { value: '逆水寒', forms: ['逆水寒'] },
  { value: '天涯明月刀', forms: ['天涯明月刀', '天刀'] },
  { value: '永劫无间', forms: ['永劫无间'] },
  { value: 'QQ飞车', forms: ['qq飞车', '飞车'] },
  { value: '第五人格', forms: ['第五人格'] },
  { value: '阴阳师', forms: ['阴阳师'] },
  { value: '蛋仔派对', forms: ['蛋仔派对', '蛋仔'] },
  { value: '金铲铲之战', forms: ['金铲铲之战', '金铲铲'] },
  { value: '光遇', forms: ['光遇'] },
  { value: '问道', forms: ['问道'] },
  { value: '迷你世界', forms: ['迷你世界'] },
  { value: '我的世界', forms: ['我的世界', 'minecraft'] },
  { value: '绝地求生', forms: ['绝地求生', 'pubg'] },
  { value: '使命召唤', forms: ['使命召唤', 'cod'] },
  { value: 'Steam', forms: ['steam'] },
  { value: '战网', forms: ['战网', 'battle.net'] },
];

const PRODUCTS: readonly Lexeme<ProductKind>[] = [
  { value: 'point_card', forms: ['点卡', '一卡通', '点数卡', '游戏卡', '充值卡'] },
  { value: 'period_card', forms: ['月卡', '周卡', '季卡', '年卡', '战令', '空月祝福'] },
  {
    value: 'game_currency',
    forms: ['钻石', '点券', '元宝', '金币', '创世结晶', '原石', '通宝', '迷你币', '星钻', '游戏币', 'uc'],
  },
  {
    value: 'licence',
    forms: ['激活码', '授权码', '许可证', '序列号', '注册码', '产品密钥', '密钥', 'license', 'licence', 'cdk', 'cdkey'],
  },
  { value: 'qcoin', forms: ['q币', 'qb', 'q点'] },
  { value: 'gift_card', forms: ['礼品卡', '购物卡', 'e卡', '钱包码'] },
  { value: 'game_item', forms: ['皮肤', '道具', '装备', '礼包', '坐骑'] },
  { value: 'phone_topup', forms: ['话费', '流量'] },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One case-insensitive alternation per lexicon, longest form first so 王者荣耀 wins over 王者.
 * Latin forms must stand alone (lol inside "lollipop" is not a game).
 */
function lexiconRegex(entries: readonly Lexeme<string>[]): { re: RegExp; byForm: Map<string, string> } {
  const byForm = new Map<string, string>();
  for (const e of entries) for (const f of e.forms) byForm.set(f.toLowerCase(), e.value);
  const alternatives = [...byForm.keys()]
    .sort((a, b) => b.length - a.length)
    .map((f) => (/^[a-z0-9. ]+$/.test(f) ? `(?<![a-z0-9])${escapeRe(f)}(?![a-z0-9])` : escapeRe(f)));
  return { re: new RegExp(alternatives.join('|'), 'gi'), byForm };
}

const GAME_MATCHER = lexiconRegex(GAMES);
const PRODUCT_MATCHER = lexiconRegex(PRODUCTS);

// Order ids: a short letter prefix plus a long number (DD202611220001), a 12–20 digit number
// right after 订单/单号/order, or a bare number that starts with a plausible year, which is how
// most 卡盟 systems mint them.
const ORDER_PREFIXED = /(?<![a-z0-9])[a-z]{2,4}\d{10,22}(?![a-z0-9])/gi;
const ORDER_AFTER_KEYWORD =
  /(?:订单编号|订单号|订单|单号|流水号|order\s*(?:no\.?|id|number|#)?)\s*[:：#]?\s*(?:是|为)?\s*(\d{12,20})(?!\d)/gi;
const ORDER_DATED = /(?<!\d)20[1-3]\d{9,17}(?!\d)/g;

// Card keys: dash-grouped keys, a code right after the word that names it, or a long token
// mixing letters and digits. Passwords after 密码 are masked the same way on purpose.
const KEY_GROUPED = /(?<![a-z0-9-])[a-z0-9]{4,6}(?:-[a-z0-9]{4,6}){2,7}(?![a-z0-9-])/gi;
const KEY_AFTER_KEYWORD =
  /(?:卡密|卡号|密码|激活码|授权码|兑换码|序列号|密钥|(?<![a-z])(?:cdkey|cdk|key))\s*[:：]?\s*(?:是|为)?\s*([a-z0-9][a-z0-9-]{7,39})(?![a-z0-9])/gi;
const KEY_MIXED = /(?<![a-z0-9])(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{12,32}(?![a-z0-9])/gi;

const PHONE = /(?<!\d)1[3-9]\d[\s-]?(?:\d{4}|\*{4})[\s-]?\d{4}(?!\d)/g;

const AMOUNT_ARABIC = /(?:[¥￥]\s*(\d{1,3}(?:,\d{3})+|\d{1,9})(\.\d{1,2})?)|(?:(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{1,9})(\.\d{1,2})?\s*(?:元|块|rmb|cny))/gi;
// 一块 alone usually means "together" (和朋友一块买的), so a Chinese amount needs two numerals.
const AMOUNT_CHINESE = /([零一二两三四五六七八九十百千万]{2,})\s*(?:元|块)/g;

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses Chinese numerals below one hundred million (五十, 两千五, 一万二千, 一百零五). */
export function parseChineseNumber(s: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  // The unit just passed, for the colloquial tail: 两千五 is 2500, but 两千零五 is 2005.
  let lastUnit = 1;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) lastUnit = 1;
      digit = d;
    } else if (ch === '万') {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
      lastUnit = 10_000;
    } else {
      const unit = UNITS[ch] ?? 1;
      // A bare 十 means ten (十块), not zero tens.
      section += (digit || 1) * unit;
      digit = 0;
      lastUnit = unit;
    }
  }
  return total + section + (lastUnit > 10 ? (digit * lastUnit) / 10 : digit);
}

/** Masks a card key, keeping the first and last few characters and the separators. */
export function maskCardKey(key: string): string {
  const alnum = key.replace(/[^a-z0-9]/gi, '').length;
  const keep = alnum >= 12 ? 4 : alnum >= 8 ? 2 : 1;
  let seen = 0;
  return key.replace(/[a-z0-9]/gi, (ch) => {
    seen += 1;
    return seen <= keep || seen > alnum - keep ? ch : '*';
  });
}

interface Pattern {
  re: RegExp;
  kind: EntityKind;
  /** Lower wins an overlap: a key's digits are never reported as an order id, nor an order id as an amount. */
  rank: number;
  /** The entity is the trailing capture group; what precedes it is the keyword that named it. */
  inGroup?: boolean;
  value: (raw: string, m: RegExpExecArray) => string;
}

const lexiconValue = (byForm: Map<string, string>) => (raw: string) => byForm.get(raw.toLowerCase()) ?? raw;
const upper = (raw: string) => raw.toUpperCase();

const PATTERNS: readonly Pattern[] = [
  { re: KEY_GROUPED, kind: 'card_key', rank: 0, value: maskCardKey },
  { re: KEY_AFTER_KEYWORD, kind: 'card_key', rank: 0, inGroup: true, value: maskCardKey },
  { re: ORDER_PREFIXED, kind: 'order_no', rank: 1, value: upper },
  { re: ORDER_AFTER_KEYWORD, kind: 'order_no', rank: 1, inGroup: true, value: upper },
  { re: ORDER_DATED, kind: 'order_no', rank: 1, value: upper },
  { re: KEY_MIXED, kind: 'card_key', rank: 2, value: maskCardKey },
  { re: PHONE, kind: 'phone', rank: 3, value: (raw) => raw.replace(/[\s-]/g, '') },
  {
    re: AMOUNT_ARABIC,
    kind: 'amount',
    rank: 4,
    value: (_, m) => Number((m[1] ?? m[3] ?? '0').replace(/,/g, '') + (m[2] ?? m[4] ?? '')).toFixed(2),
  },
  { re: AMOUNT_CHINESE, kind: 'amount', rank: 4, value: (_, m) => parseChineseNumber(m[1] ?? '').toFixed(2) },
  { re: GAME_MATCHER.re, kind: 'game', rank: 5, value: lexiconValue(GAME_MATCHER.byForm) },
  { re: PRODUCT_MATCHER.re, kind: 'product', rank: 5, value: lexiconValue(PRODUCT_MATCHER.byForm) },
];

function candidates(text: string): (Entity & { rank: number })[] {
  return PATTERNS.flatMap((p) =>
    [...text.matchAll(p.re)].map((m) => {
      const end = m.index + m[0].length;
      const start = p.inGroup ? end - (m[1] ?? '').length : m.index;
      return { kind: p.kind, value: p.value(text.slice(start, end), m), start, end, rank: p.rank };
    }),
  );
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const isProductKind = (v: string): v is ProductKind => (PRODUCT_KINDS as readonly string[]).includes(v);

export function extractEntities(text: string): Extraction {
  const accepted: (Entity & { rank: number })[] = [];
  const byPreference = candidates(text).sort((a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of byPreference) {
    if (!accepted.some((a) => c.start < a.end && a.start < c.end)) accepted.push(c);
  }
  const entities: Entity[] = accepted
    .sort((a, b) => a.start - b.start)
    .map(({ kind, value, start, end }) => ({ kind, value, start, end }));
  const values = (kind: EntityKind) => entities.filter((e) => e.kind === kind).map((e) => e.value);

  let maskedText = text;
  for (const e of entities) {
    if (e.kind === 'card_key') maskedText = maskedText.slice(0, e.start) + e.value + maskedText.slice(e.end);
  }
  return {
    entities,
    orderNumbers: unique(values('order_no')),
    cardKeys: unique(values('card_key')),
    games: unique(values('game')),
    products: unique(values('product')).filter(isProductKind),
    amountsCents: values('amount').map((v) => Math.round(Number(v) * 100)),
    phones: unique(values('phone')),
    maskedText,
  };
}
