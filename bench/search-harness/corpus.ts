import type { Change, Conversation, Message } from '../../protocol';

// A synthetic cache as a busy workstation would hold it: conversations of ten or so
// messages in the language of a 卡盟 help desk, with games, products, order numbers and
// Latin words, over the last year. Deterministic, so runs compare.

const GAMES = ['王者荣耀', '和平精英', '原神', '英雄联盟', '梦幻西游', '穿越火线', '魔兽世界', '我的世界', '第五人格', '崩坏星穹铁道', '金铲铲之战', '蛋仔派对'];
const PRODUCTS = ['点卡', '点券', '月卡', '皮肤', '创世结晶', '钻石', '金币', '会员', '通行证', '礼包'];
const CUSTOMER_LINES = [
  '我买的{game}{product}显示已使用但没到账，订单号 {order}',
  '{game}充值失败了，扣款成功但游戏里没到，订单号 {order}',
  '卡密提示无效，麻烦帮忙查一下 {order}',
  '请问{game}的{product}什么时候能到账？',
  '已经过去半个小时了，游戏里的余额还是没变。',
  '退款申请提交了三天还没处理，{order}',
  'VIP 会员折扣怎么用？',
  'Steam 充值卡 refund 流程是什么',
  '账号被盗了，资金安全吗？请尽快冻结',
  '授权码激活失败，提示 license invalid',
  '在吗？急！',
  '麻烦尽快处理，谢谢',
  '商品与描述不符，我要投诉',
  '为什么我的{product}少了{n}个',
];
const AGENT_LINES = [
  '您好，正在为您查询上游渠道，请稍候。',
  '上游渠道拥堵，预计 {n} 分钟内恢复。',
  '已为您补发卡密，请查收。',
  '请提供游戏内个人信息页截图，方便核实。',
  '您的退款已提交，预计 1-3 个工作日到账。',
  '已为您升级处理，专员会尽快联系您。',
  '请问还有其他可以帮您的吗？',
];
const SUBJECTS = ['点卡显示已使用但没到账', '充值失败但已扣款', '卡密无效', '退款进度咨询', '账户异常', '授权激活失败', '会员权益咨询', '订单状态异常'];

export const MESSAGES_PER_CONVERSATION = 10;
const YEAR_MS = 365 * 86_400_000;

/** Mulberry32: small, fast and good enough to vary text. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface Corpus {
  conversations: number;
  /** Order numbers used in the text, to look up in the benchmark. */
  orderNumbers: string[];
  /** Changes for conversation `index`: its row and its messages, as a pull would deliver them. */
  changesFor(index: number): Change[];
}

export function corpus(conversations: number, now: number): Corpus {
  const rand = random(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const orderNumbers: string[] = [];
  // Each conversation starts later than the one before, so recency follows the index.
  const startOf = (i: number) => now - YEAR_MS + Math.floor((i / conversations) * YEAR_MS);
  const iso = (ms: number) => new Date(ms).toISOString();
  let version = 0;
  return {
    conversations,
    orderNumbers,
    changesFor(index) {
      const start = startOf(index);
      const id = `C${pad(index, 8)}`;
      const order = `DD${iso(start).slice(0, 10).replaceAll('-', '')}${pad(index % 100_000, 5)}`;
      const fill = (line: string) =>
        line
          .replaceAll('{game}', pick(GAMES))
          .replaceAll('{product}', pick(PRODUCTS))
          .replaceAll('{order}', order)
          .replaceAll('{n}', String(1 + Math.floor(rand() * 60)));
      const messages: Message[] = [];
      for (let m = 0; m < MESSAGES_PER_CONVERSATION; m++) {
        const customer = m % 2 === 0;
        messages.push({
          id: `${id}M${pad(m, 2)}`,
          version: ++version,
          deletedAt: null,
          conversationId: id,
          kind: customer ? 'customer' : 'agent',
          authorId: customer ? null : 'bench-agent',
          authorName: customer ? `示例玩家${pad(index % 5000, 4)}` : '演示客服01',
          body: fill(pick(customer ? CUSTOMER_LINES : AGENT_LINES)),
          html: null,
          attachments: [],
          createdAt: iso(start + m * 60_000),
        });
      }
      // Order numbers to look up are ones the text mentions, sampled across the year.
      if (index % 997 === 0 && messages.some((m) => m.body.includes(order))) orderNumbers.push(order);
      const last = messages.at(-1)!;
      const row: Conversation = {
        id,
        version: ++version,
        deletedAt: null,
        customerId: `CU${pad(index % 5000, 6)}`,
        channel: pick(['webchat', 'wecom', 'qq', 'email', 'phone', 'form'] as const),
        subject: pick(SUBJECTS),
        status: index > conversations - 500 ? 'open' : 'resolved',
        category: null,
        categoryConfidence: null,
        priority: 'normal',
        repeat: false,
        sla: null,
        teamId: 'bench-team',
        assigneeId: null,
        orderId: order,
        lastMessageAt: last.createdAt,
        lastMessagePreview: last.body.slice(0, 80),
        unreadCount: 0,
        createdAt: iso(start),
        updatedAt: last.createdAt,
      };
      return [{ table: 'conversations', row }, ...messages.map((m): Change => ({ table: 'messages', row: m }))];
    },
  };
}

/** About fifty searches an agent makes: games, products, phrases, pairs of words, order numbers, Latin words, misses. */
export function benchQueries(orderNumbers: readonly string[]): string[] {
  return [
    ...GAMES.slice(0, 8),
    ...PRODUCTS.slice(0, 6),
    '没到账',
    '充值失败',
    '卡密无效',
    '补发',
    '退款',
    '冻结',
    '激活失败',
    '上游渠道',
    '余额',
    '王者荣耀 点卡',
    '原神 充值失败',
    '退款 三天',
    '梦幻西游 没到账',
    '和平精英 月卡',
    'VIP',
    'steam',
    'refund',
    'license invalid',
    ...orderNumbers.slice(0, 8),
    '不存在的词语',
    'zzzz',
    '卡',
    '星穹铁道',
    '蛋仔',
  ];
}
