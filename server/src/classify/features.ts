import { extractEntities } from './extract';
import type { Extraction } from './extract';

/**
 * Turns a customer message into the sparse feature bag the classifier learns from:
 * CJK character bigrams (robust to the segmenter's weak spots on 卡盟 jargon), ICU words,
 * Latin words, the kinds of entities present, and curated cue groups that map the many
 * spellings of one idea (没到账/未到帐/还没到) onto one shared feature.
 */

export type FeatureBag = Map<string, number>;

// Common typos and variants folded before featurising so 到帐 and 到账 are the same evidence.
const VARIANTS: readonly [RegExp, string][] = [
  [/帐(号|户|单)/g, '账$1'],
  [/到帐/g, '到账'],
  [/登陆/g, '登录'],
  [/冲值/g, '充值'],
  [/(?<![a-z])qb(?![a-z])/g, 'q币'],
  [/(?<![a-z])(?:cd-?key|cdk)(?![a-z])/g, '兑换码'],
];

/** Idea → its surface forms. Each group fires one `cue:` feature; the model learns its weight. */
export const CUES: Readonly<Record<string, readonly string[]>> = {
  not_arrived: ['没到账', '未到账', '没有到账', '不到账', '没到', '还没到', '没收到', '没加上', '没有加上', '没变', '一点没变', '没生效', '没发', '没有发', 'not received', '查不到这笔', '没加'],
  waiting: ['等了', '多久', '小时了', '分钟了', '半天', '迟迟', '一直没', '还没', '催', '等待', '秒到', '到现在'],
  key_invalid: ['无效', '失效', '不存在', '已被使用', '已使用', '被使用', '已作废', '作废', '已过期', '过期', '卡号或密码', '密码错误', '密码不对', '兑换不了', '用不了', '已锁定', '已冻结', 'invalid', 'redeemed', '假卡', '二手'],
  redeem: ['兑换', '卡密', '卡号', '兑换码', '点卡', '一卡通', '礼品卡', '充值卡', 'redeem', 'code'],
  topup_fail: ['充值失败', '充不进去', '充不上', '直充失败', '充值不成功', '错误码', '返回码', '被退回', 'topup failed', '不能充值', '限制充值', '暂停充值', '充值限额'],
  topup: ['充值', '直充', '充了', '冲了', 'top up', 'topup', '区服', 'uid', '角色'],
  pay: ['支付', '付款', '付不了', '扣款', '扣了', '扣钱', '支付宝', '微信支付', '银行卡', '二维码', '收银台', '花呗', '云闪付', 'paypal', 'apple pay', 'payment', '回调', '风控拦截', '已被拦截', '信用卡', '待支付', '未支付', '未付款'],
  double_charge: ['两次', '三次款', '重复扣', '多扣', '扣了两', '扣了三'],
  order: ['订单状态', '订单显示', '订单列表', '订单异常', '订单不存在', '找不到', '已取消', '已关闭', '自动关闭', '自动取消', '处理中', '待发货', '审核中', '交易中', '待付款', '订单重复', '订单详情', 'order status', '状态'],
  account: ['被盗', '盗号', '账号或密码', '异地登录', '登不上', '登录不了', '登不进', '密码被', '改绑', '被改', '被封', '封号', '冻结账户', '挤下线', '踢下线', '陌生', '验证码', '密保', '二次验证', '实名', 'hacked', '登录记录', '不认识的ip', '号没了'],
  funds: ['余额', '被转走', '转走', '盗刷', '提现', '钱没了', '资金', '结算', '佣金', '保证金', '押金', '转账', '诈骗', '被骗', '冒充', '扣款方', '免密支付', 'withdraw', '转出', '提走'],
  refund: ['退款', '退钱', '不给退', '不退', '拒绝退款', '售后', '纠纷', '仲裁', '介入', '申诉', '驳回', '跑路', '投诉', 'refund', '全额', '赔偿', '处理结果', '推来推去'],
  mismatch: ['描述', '不符', '不一样', '货不对板', '虚假', '宣传', '实际', '说好的', '写的是', '标注', '结果只有', '只给了', '只有', '标题', '详情页', '商品页', '宝贝', '图片上', '截图上', '差了', '少了', 'description'],
  licence: ['激活', '授权', '许可证', '序列号', '注册码', '密钥', '机器码', '设备', '试用版', 'license', 'licence', 'windows', 'office', 'adobe', '软件', '签名', '续费', 'key'],
  malfunction: ['闪退', '打不开', '白屏', '空白', '没反应', '报错', 'bug', '卡死', '加载不出来', '转圈', '显示不出来', '刷不出来', '掉线', '502', '404', 'http', 'error', '系统异常', '排版', '乱了', '错乱', '导入', '导出', '上传', '按钮', '页面', '网页', 'app', '客户端', '接口', '插件', '功能', '保存不了', '通知', '提醒', '收藏', '排序', '弹窗', '模板', '不复制', '发不出'],
  how: ['怎么', '如何', '怎样', '在哪', '哪里', '哪个', '教程', '步骤', '请问', '能不能', '可以吗', '是否', '需要什么', '有没有', '新手', '第一次', 'how to', '求教', '什么区别', '多久'],
  member: ['会员', 'vip', '折扣', '优惠', '优惠券', '积分', '等级', '返利', '代理价', '拿货价', '权益', '活动', '满减', '礼包', '成长值', '签到', '会员日', '老客户', '邀请', 'discount', '升级', '金牌'],
  urgent: ['急', '紧急', '马上', '立即', '尽快', '赶紧', '快点', '！！', '!!', '12315', '投诉'],
  formal: ['您好', '贵平台', '贵司', '我司', '本人', '我方', '请协助', '请核实', '请核查', '附件'],
  merchant: ['商户', '代理商', '我们公司', '本公司', '我司', '批量', '对账', '后台', '接口', 'api', '商户号'],
};

// Longest form first so a cue text like 没有到账 is consumed before its substring 没到.
const CUE_FORMS: readonly [string, string][] = Object.entries(CUES)
  .flatMap(([cue, forms]) => forms.map((f): [string, string] => [f, cue]))
  .sort((a, b) => b[0].length - a[0].length);

// Chosen by 5-fold cross-validation (accuracy.ts); the cue groups carry the most signal per
// feature, ICU words mostly repeat what the bigrams already say.
const WEIGHTS = { bigram: 1, word: 0.5, cue: 3, entity: 0.5 } as const;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /[a-z][a-z0-9'.-]*[a-z0-9]|[a-z]/g;

/** NFKC folds full-width letters and digits; case and the variant table do the rest. */
export function normalise(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  for (const [re, to] of VARIANTS) s = s.replace(re, to);
  return s;
}

/** Removes entity spans so a long order number is one `ent:` feature instead of noisy digits. */
function withoutEntities(text: string, extraction: Extraction): string {
  let out = '';
  let at = 0;
  for (const e of extraction.entities) {
    if (e.kind === 'game' || e.kind === 'product') continue;
    out += text.slice(at, e.start) + ' ';
    at = e.end;
  }
  return out + text.slice(at);
}

function add(bag: FeatureBag, feature: string, weight: number): void {
  // Presence, not frequency: in short texts a repeated word (卡密无效 ×3) is emphasis, not extra evidence.
  bag.set(feature, Math.max(bag.get(feature) ?? 0, weight));
}

export interface Prepared {
  /** Normalised, with order numbers, keys, phones and amounts blanked out: what rules read. */
  text: string;
  bag: FeatureBag;
}

export function prepare(raw: string, extraction: Extraction = extractEntities(raw)): Prepared {
  const bag: FeatureBag = new Map();
  for (const e of extraction.entities) {
    add(bag, `ent:${e.kind}`, WEIGHTS.entity);
    if (e.kind === 'product') add(bag, `prod:${e.value}`, WEIGHTS.entity);
  }
  const text = normalise(withoutEntities(raw, extraction));

  let rest = text;
  for (const [form, cue] of CUE_FORMS) {
    if (!rest.includes(form)) continue;
    add(bag, `cue:${cue}`, WEIGHTS.cue);
    rest = rest.split(form).join(' ');
  }
  for (const run of text.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) add(bag, `bi:${run.slice(i, i + 2)}`, WEIGHTS.bigram);
  }
  for (const seg of segmenter.segment(text)) {
    if (seg.isWordLike && /[\u3400-\u9fff]/.test(seg.segment)) add(bag, `w:${seg.segment}`, WEIGHTS.word);
  }
  for (const word of text.match(LATIN_WORD) ?? []) add(bag, `w:${word}`, WEIGHTS.word);
  return { text, bag };
}
