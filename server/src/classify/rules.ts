import type { Category } from '../../../protocol/entities';

/**
 * High-precision phrase rules. A rule does not decide on its own: it adds `boost` to its
 * category's calibrated log-odds, so strong statistical evidence or an agent's learned
 * override can still win, and the rule's id is reported so the agent sees why a ticket
 * landed where it did.
 */
export interface Rule {
  id: string;
  category: Category;
  pattern: RegExp;
  /** Context in which the phrase means something else (提现没到账 is funds, not delivery). */
  unless?: RegExp;
  boost: number;
}

// e⁴ ≈ 55× and e² ≈ 7× the odds: a strong rule outweighs a vague statistical lean, not a clear one.
const STRONG = 4;
const MILD = 2;

export const RULES: readonly Rule[] = [
  {
    id: 'account_takeover',
    category: 'account_anomaly',
    pattern: /盗号|号被盗|账号被盗|异地登录|密码被(人)?(改|修改)|被(人)?改绑|密保.{0,6}改|hacked|被挤下线|不认识的ip/,
    unless: /余额|盗刷|提现|资金|钱被|钱包/,
    boost: STRONG,
  },
  {
    id: 'funds_theft',
    category: 'funds_security',
    pattern:
      /盗刷|余额.{0,6}(被|少了|不见|没了|变成0)|(钱|资金|余额).{0,4}(被转|转走|提走|被盗)|冒充.{0,4}客服|诈骗|被骗|异常转出|免密支付|非.{0,4}(本人|我方).{0,6}提现/,
    boost: STRONG,
  },
  {
    id: 'withdrawal_stuck',
    category: 'funds_security',
    pattern: /提现.{0,8}((没|未|不)到账|失败|审核不通过)|钱提不出来|withdraw/,
    boost: STRONG,
  },
  {
    // The acceptance story: a key shown as used but nothing credited is a delivery problem.
    id: 'not_arrived',
    category: 'delivery_delayed',
    pattern: /(没|未|还没|没有|不)到账|(成功|已使用|已完成|核销).{0,12}(没|未)(到|加|变|有)|still not received/,
    unless: /提现|退款|退回|返利|佣金|结算/,
    boost: STRONG,
  },
  {
    id: 'key_rejected',
    category: 'invalid_card_key',
    pattern: /卡密.{0,8}(无效|失效|不存在|错误|作废)|卡号或密码错误|(该|此|这张)卡.{0,4}(已被使用|已作废|已锁定|已冻结|已过期)|无效卡|假卡/,
    unless: /到账|退款|退钱/,
    boost: STRONG,
  },
  {
    id: 'topup_rejected',
    category: 'topup_failed',
    pattern: /充值失败|直充.{0,6}失败|充不进去|充不上|充值.{0,6}(被退回|不成功)|topup failed/,
    boost: MILD,
  },
  {
    id: 'charged_without_order',
    category: 'payment_fault',
    pattern: /(扣|付)了?(两|三|多)次|重复扣款|(扣|付)了?(钱|款).{0,10}(未支付|未付款|待支付|没生成)|支付通道|风控拦截/,
    boost: MILD,
  },
  {
    id: 'refund_refused',
    category: 'refund_dispute',
    pattern: /(拒绝|不给|不同意|不肯)退|退款.{0,6}(被拒|驳回)|仲裁|平台介入|纠纷|(商家|卖家)跑路/,
    boost: STRONG,
  },
  {
    id: 'not_as_described',
    category: 'not_as_described',
    pattern: /货不对板|(与|和|跟)描述.{0,4}(不符|不一样)|描述不符|虚假宣传/,
    boost: STRONG,
  },
  {
    id: 'activation_failed',
    category: 'licence_activation',
    pattern: /激活失败|激活不了|授权失败|授权.{0,4}(失效|到期)|机器码|许可证|license|licence|产品密钥|未激活|激活次数/,
    boost: MILD,
  },
  {
    id: 'app_broken',
    category: 'feature_malfunction',
    pattern: /闪退|白屏|http ?5\d\d|加载不出来|页面.{0,4}(空白|报错)/,
    boost: MILD,
  },
  {
    id: 'order_record',
    category: 'order_state',
    pattern: /查不到订单|订单不存在|订单重复|异常订单|订单.{0,4}(全没了|不见了|消失)/,
    boost: MILD,
  },
  {
    // A question about how to do something, with no symptom in it: 怎么修改绑定的邮箱, not 怎么还没到.
    id: 'how_to_question',
    category: 'how_to',
    pattern: /怎么|如何|怎样|在哪|哪里|how to|是否支持|能不能用|可以.{0,6}吗/,
    unless:
      /怎么.{0,8}了|怎么(回事|办|还)|提示|没|不了|失败|失效|过期|错误|被|异常|无效|不能|不到|不上|不出|用不|坏|少|降|扣|为什么|为啥|申诉|折扣|会员|优惠|积分|返利|礼包|等级|成长值|拿货价/,
    boost: MILD,
  },
  {
    id: 'membership_terms',
    category: 'membership',
    pattern: /优惠券|会员(等级|权益|折扣|日)|积分|返利|代理价|成长值/,
    boost: MILD,
  },
];

/**
 * Rules whose phrase appears outside their exclusion context, in text as `prepare` leaves it:
 * normalised, with keys and order numbers blanked so 卡密 XXXX-… 无效 still reads as one phrase.
 */
export function firedRules(preparedText: string): Rule[] {
  return RULES.filter((r) => r.pattern.test(preparedText) && !(r.unless && r.unless.test(preparedText)));
}
