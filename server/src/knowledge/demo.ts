import type { Category } from '../../../protocol/entities';
import { ArticleInput, SopInput } from '../../../protocol/knowledge';
import type { Db } from '../db/db';
import { upsertArticle, upsertSop } from './store';

// The demo workspace's SOPs (one per category) and knowledge articles, in the words a 卡盟
// support desk uses. Installed once per workspace; what an admin later edits stays edited.

const MARKER = 'demo_knowledge';

type SopSeed = Omit<SopInput, 'checklist'> & { checklist: Array<[string, string]> };

export const DEMO_SOPS: Record<Category, SopSeed> = {
  invalid_card_key: {
    answerTemplate:
      '{{customer.name}}，您好！关于订单 {{order.id}} 的卡密提示无效，我们已在核实。请确认兑换的游戏区服与商品一致，并注意卡密中 0 与 O、1 与 I 的区别。' +
      '如核实为卡密本身问题，我们会第一时间为您补发或退款，请放心。',
    checklist: [
      ['order', '核对订单号、商品名称与购买时间'],
      ['screenshot', '请客户提供兑换失败页面截图（含错误提示）'],
      ['region', '确认兑换的游戏/区服/平台与商品说明一致'],
      ['typo', '排除易混字符输入错误（0/O、1/I、大小写）'],
      ['key-state', '在供应商面板查询卡密状态：未使用 / 已使用 / 已作废'],
      ['used-by', '如显示已使用，查询使用时间与使用账号是否为客户本人'],
    ],
    escalation: {
      team: 'supplier',
      condition: '供应商显示卡密未使用但客户兑换失败，或卡密在客户购买前已被使用',
      action: '转供应商对接组，备注订单号、卡密尾号和截图，申请补发；疑似盗刷同时抄送账户安全组',
    },
  },
  delivery_delayed: {
    answerTemplate:
      '{{customer.name}}，您好！您的订单 {{order.id}}（{{order.product}}）已支付成功，目前因上游通道处理较慢暂未到账。' +
      '供应商预计{{supplier.eta}}恢复，恢复后会自动到账，请勿重复购买。如超时仍未到账，我们将为您补发或全额退款。',
    checklist: [
      ['order', '核对订单号与支付状态（已支付 / 待支付）'],
      ['account', '核对充值账号、区服是否填写正确'],
      ['channel', '一键查询上游通道状态与预计恢复时间'],
      ['distribution', '查看分发记录：是否已下发至上游'],
      ['eta', '将预计恢复时间告知客户并说明无需重复购买'],
      ['followup', '设置“等待供应商”状态，恢复后回访确认到账'],
    ],
    escalation: {
      team: 'supplier',
      condition: '通道恢复后 30 分钟仍未到账，或同一客户第 3 次咨询同一订单',
      action: '转供应商对接组申请补发；第 3 次来询同时转资深客服优先处理',
    },
  },
  topup_failed: {
    answerTemplate:
      '{{customer.name}}，您好！您的充值订单 {{order.id}} 显示充值失败，款项不会被扣除或将原路退回（一般 1–3 个工作日）。' +
      '我们已核对您填写的充值信息，如需重新充值，请确认账号与区服后再次下单。',
    checklist: [
      ['order', '核对订单号、充值金额与失败时间'],
      ['account-info', '核对充值账号、区服、角色名是否正确'],
      ['deducted', '确认客户是否已被扣款（支付流水）'],
      ['upstream-reason', '查询上游返回的失败原因码'],
      ['refund', '已扣款未到账：确认自动退款是否已发起'],
    ],
    escalation: {
      team: 'payment',
      condition: '已扣款但 24 小时内未自动退款，或上游返回未知错误码',
      action: '转支付财务组核对流水并人工退款，备注支付单号',
    },
  },
  payment_fault: {
    answerTemplate:
      '{{customer.name}}，您好！支付时出现异常给您带来不便，非常抱歉。请不要重复付款，我们正在核对支付渠道的流水，' +
      '如确认重复扣款，多扣部分将原路退回。',
    checklist: [
      ['channel', '确认支付方式（微信 / 支付宝 / 银行卡）与支付时间'],
      ['voucher', '请客户提供支付凭证截图（含交易单号）'],
      ['match', '用交易单号在支付流水中匹配订单'],
      ['duplicate', '检查是否重复扣款、金额是否一致'],
      ['status-sync', '确认订单状态是否已同步为已支付'],
    ],
    escalation: {
      team: 'payment',
      condition: '流水显示扣款但系统无对应订单，或同一时段多名客户报同类问题',
      action: '转支付财务组；多名客户同时出现时通知主管判断为渠道故障',
    },
  },
  order_state: {
    answerTemplate:
      '{{customer.name}}，您好！您的订单 {{order.id}} 当前显示状态与实际不符，我们已提交核查。核查期间订单不会被关闭，' +
      '处理结果会第一时间通知您。',
    checklist: [
      ['order', '核对订单号与当前显示状态'],
      ['actual', '对照支付流水与分发记录确认实际状态'],
      ['timeline', '整理订单时间线（下单、支付、分发、完成）'],
      ['fix', '状态错误时提交订单状态修正，备注依据'],
    ],
    escalation: {
      team: 'tech',
      condition: '状态修正失败，或同类订单批量异常',
      action: '转技术支持组排查，附订单号列表与时间线',
    },
  },
  account_anomaly: {
    answerTemplate:
      '{{customer.name}}，您好！为保障您的账户安全，我们已对账户进行保护性处理。请尽快修改登录密码和支付密码，' +
      '并确认近期是否在陌生设备登录。核实身份后我们会协助您恢复账户。',
    checklist: [
      ['identity', '核实客户身份（绑定手机号 / 实名信息）'],
      ['logins', '查看近期登录记录：异地、陌生设备'],
      ['freeze', '如疑似被盗，立即冻结账户（黄金 5 分钟）'],
      ['flow', '查看交易流水，标记可疑交易'],
      ['password', '指导客户修改登录及支付密码'],
    ],
    escalation: {
      team: 'security',
      condition: '确认存在可疑登录或可疑交易，或客户报告资金被转走',
      action: '立即转账户安全组，10 分钟内处理；附可疑交易清单',
    },
  },
  funds_security: {
    answerTemplate:
      '{{customer.name}}，您好！我们非常重视您的资金安全，已将您的问题列为紧急处理。请勿向任何人透露验证码，' +
      '平台工作人员不会索要您的密码。我们会在 10 分钟内给您初步答复。',
    checklist: [
      ['identity', '核实客户身份'],
      ['balance', '核对余额变动与提现记录'],
      ['freeze', '存在风险时冻结账户与提现'],
      ['evidence', '收集客户提供的聊天记录、转账截图'],
      ['notify', '告知客户处理时限并记录联系方式'],
    ],
    escalation: {
      team: 'security',
      condition: '任何资金异常均需升级',
      action: '立即转账户安全组并通知主管，黄金 5 分钟内冻结',
    },
  },
  refund_dispute: {
    answerTemplate:
      '{{customer.name}}，您好！您对订单 {{order.id}} 的售后诉求我们已受理，将在 24 小时内完成审核。' +
      '请补充相关截图或聊天记录，审核结果会通过本渠道通知您。',
    checklist: [
      ['order', '核对订单、金额与卡密使用状态'],
      ['evidence', '收集证据：截图、聊天记录、录屏'],
      ['responsibility', '对照责任手册判断用户责任 / 平台责任'],
      ['dispute', '在 Kadesk 中创建纠纷，确认 24 小时审核时限'],
      ['explain', '向客户说明审核流程与时限'],
    ],
    escalation: {
      team: 'disputes',
      condition: '客户与卖家各执一词，或金额超出客服赔付权限',
      action: '转纠纷处理组审核；必要时建议第三方调解',
    },
  },
  not_as_described: {
    answerTemplate:
      '{{customer.name}}，您好！您反馈订单 {{order.id}} 的商品与描述不符，我们已记录。请提供商品页面截图与实际收到内容的截图，' +
      '核实后将为您换货或退款。',
    checklist: [
      ['listing', '查看下单时的商品详情快照'],
      ['received', '请客户提供实际收到内容截图'],
      ['compare', '逐项对比面值、区服、有效期、使用限制'],
      ['seller', '联系卖家/供应商确认'],
    ],
    escalation: {
      team: 'disputes',
      condition: '确认描述不符且卖家不同意退换',
      action: '转纠纷处理组，附商品快照与对比说明',
    },
  },
  licence_activation: {
    answerTemplate:
      '{{customer.name}}，您好！授权激活失败多与系统版本或激活次数有关。请告诉我们软件版本、操作系统以及完整的错误提示，' +
      '我们会为您核查授权状态，必要时重置激活次数。',
    checklist: [
      ['version', '确认软件名称、版本与操作系统'],
      ['error', '请客户提供完整错误提示或截图'],
      ['key-state', '查询授权码状态与已激活设备数'],
      ['network', '排除网络/代理导致的在线激活失败'],
      ['reset', '激活次数用尽时申请重置'],
    ],
    escalation: {
      team: 'tech',
      condition: '授权状态正常但仍激活失败，或需厂商重置',
      action: '转技术支持组，附授权码尾号、版本与错误信息',
    },
  },
  feature_malfunction: {
    answerTemplate:
      '{{customer.name}}，您好！感谢您反馈这个问题。请告诉我们出现问题的页面、操作步骤以及设备和浏览器信息，' +
      '我们会尽快复现并修复，处理进展会及时同步给您。',
    checklist: [
      ['steps', '记录复现步骤与出现时间'],
      ['device', '确认设备、系统、浏览器/App 版本'],
      ['screenshot', '收集截图或录屏'],
      ['reproduce', '尝试在内部复现'],
      ['workaround', '提供临时替代方案'],
    ],
    escalation: {
      team: 'tech',
      condition: '可复现的缺陷，或影响下单/支付的功能故障',
      action: '转技术支持组提交缺陷，影响下单时通知主管',
    },
  },
  how_to: {
    answerTemplate:
      '{{customer.name}}，您好！很高兴为您解答。具体操作步骤如下：\n1. \n2. \n3. \n如操作中遇到问题，随时联系我们。',
    checklist: [
      ['question', '确认客户想完成的操作（注册/充值/兑换/提现/改密）'],
      ['article', '查找并发送对应的知识库文章'],
      ['confirm', '确认客户已按步骤操作成功'],
    ],
    escalation: {
      team: 'senior',
      condition: '按步骤操作后仍无法完成，或涉及账户资金',
      action: '转资深客服协助，或按实际问题改为对应分类',
    },
  },
  membership: {
    answerTemplate:
      '{{customer.name}}，您好！关于会员权益与折扣：会员等级根据近 30 天消费自动调整，折扣在下单时自动生效。' +
      '如您的折扣未生效，请提供订单号，我们为您核实并补差。',
    checklist: [
      ['level', '查询客户当前会员等级与有效期'],
      ['rule', '核对活动/折扣规则与适用商品'],
      ['order', '核对订单实际支付金额'],
      ['compensate', '确认应享未享时按政策补差或发券'],
    ],
    escalation: {
      team: 'senior',
      condition: '补差金额超出客服权限，或企业/VIP 客户的定制权益问题',
      action: '转资深客服或专属客户经理处理',
    },
  },
};

type ArticleSeed = { id: string } & ArticleInput;

export const DEMO_ARTICLES: ArticleSeed[] = [
  {
    id: 'kb-responsibility-manual',
    title: '责任判定手册：用户责任与平台责任',
    audience: 'agent',
    categories: ['invalid_card_key', 'delivery_delayed', 'topup_failed', 'refund_dispute', 'not_as_described'],
    keywords: ['责任', '赔付', '先行赔付', '用户责任', '平台责任'],
    body:
      '平台责任（先行赔付）：上游通道故障导致超时未到账；卡密在客户购买前已被使用；商品描述错误；系统故障导致重复扣款。\n' +
      '示例：客户 10:00 购买点卡，供应商记录显示该卡密 09:30 已被使用 —— 平台责任，直接补发。\n\n' +
      '用户责任：充值账号或区服填写错误；卡密已由本人账号兑换；向他人泄露卡密或验证码；购买后自行更换游戏区服。\n' +
      '示例：客户填写的 QQ 号少一位导致充错账号 —— 用户责任，可协助联系上游追回，但不承诺赔付。\n\n' +
      '无法判定时：保留证据，创建纠纷，24 小时内由纠纷处理组审核。',
  },
  {
    id: 'kb-card-key-typo',
    title: '卡密兑换失败的常见原因',
    audience: 'customer',
    categories: ['invalid_card_key'],
    keywords: ['卡密', '兑换失败', '无效', '区服'],
    body:
      '1. 输入错误：卡密中的数字 0 与字母 O、数字 1 与字母 I 容易混淆，建议复制粘贴。\n' +
      '2. 区服不符：部分点卡仅限指定平台（如安卓 / iOS）或指定区服使用。\n' +
      '3. 已过期：请查看商品页面标注的有效期。\n如以上都已排除，请联系客服并提供兑换失败截图。',
  },
  {
    id: 'kb-card-key-used',
    title: '卡密显示“已使用”怎么处理',
    audience: 'agent',
    categories: ['invalid_card_key', 'delivery_delayed'],
    keywords: ['已使用', '卡密', '盗刷', '补发'],
    body:
      '先在供应商面板查询使用时间与使用账号：\n' +
      '- 使用时间早于客户购买时间：平台责任，申请补发；\n' +
      '- 使用账号为客户本人：引导客户在游戏内查看到账记录（部分游戏延迟 5–10 分钟显示）；\n' +
      '- 使用账号非客户本人且晚于购买：询问是否分享过卡密，疑似盗刷转账户安全组。',
  },
  {
    id: 'kb-delivery-congestion',
    title: '上游通道拥堵时如何安抚客户',
    audience: 'agent',
    categories: ['delivery_delayed'],
    keywords: ['拥堵', '预计恢复', '未到账', '补偿券'],
    body:
      '一键查询通道状态，拿到预计恢复时间后第一时间告知客户，强调“无需重复购买、恢复后自动到账”。\n' +
      '按政策可发放 ¥5 补偿券（到账延迟宏已包含）。工单设为“等待供应商”，恢复后主动回访。',
  },
  {
    id: 'kb-delivery-check-arrival',
    title: '如何查询充值是否到账',
    audience: 'customer',
    categories: ['delivery_delayed', 'topup_failed'],
    keywords: ['到账', '查询', '充值记录'],
    body: '在游戏内打开“充值记录”或“邮件”查看；部分游戏需重新登录后显示。订单详情页的状态为“已完成”即表示已下发至游戏。',
  },
  {
    id: 'kb-topup-refund-time',
    title: '充值失败后的退款时效',
    audience: 'customer',
    categories: ['topup_failed', 'payment_fault'],
    keywords: ['退款', '时效', '原路退回'],
    body: '充值失败的订单会自动发起退款，款项原路退回：微信、支付宝一般即时到账，银行卡 1–3 个工作日。如超过 3 个工作日未收到，请联系客服。',
  },
  {
    id: 'kb-topup-error-codes',
    title: '上游充值失败原因码速查',
    audience: 'agent',
    categories: ['topup_failed'],
    keywords: ['错误码', '失败原因', '上游'],
    body: 'E101 账号不存在：核对账号；E204 区服维护：稍后重试；E305 超出单笔限额：拆分订单；E500 上游系统错误：转支付财务组确认是否扣款。',
  },
  {
    id: 'kb-payment-duplicate',
    title: '重复扣款的核对步骤',
    audience: 'agent',
    categories: ['payment_fault'],
    keywords: ['重复扣款', '流水', '交易单号'],
    body: '用客户提供的交易单号在支付流水中查找；同一订单出现两笔成功扣款即为重复扣款，提交退款时备注两笔交易单号。多名客户同时出现时立即通知主管。',
  },
  {
    id: 'kb-order-timeline',
    title: '订单状态说明',
    audience: 'customer',
    categories: ['order_state'],
    keywords: ['订单状态', '待支付', '处理中', '已完成'],
    body: '待支付：订单已创建未付款；处理中：已付款，正在向上游下发；已完成：已下发成功；已退款：款项已原路退回。状态长时间停留在“处理中”请联系客服。',
  },
  {
    id: 'kb-order-state-fix',
    title: '订单状态修正操作规范',
    audience: 'agent',
    categories: ['order_state', 'payment_fault'],
    keywords: ['状态修正', '时间线', '流水'],
    body: '先整理时间线：下单、支付、分发、完成各节点的时间与依据（支付流水号、分发记录号）。依据齐全才提交状态修正，备注中写明依据；批量异常不要逐单修正，转技术支持组排查根因。',
  },
  {
    id: 'kb-account-stolen',
    title: '账号被盗的紧急处理',
    audience: 'agent',
    categories: ['account_anomaly', 'funds_security'],
    keywords: ['盗号', '冻结', '异地登录', '黄金5分钟'],
    body: '黄金 5 分钟内冻结账户并停止提现；核实身份后查看交易流水，标记可疑交易；指导客户修改密码；10 分钟内转账户安全组跟进。',
  },
  {
    id: 'kb-account-password',
    title: '如何修改登录密码和支付密码',
    audience: 'customer',
    categories: ['account_anomaly', 'how_to'],
    keywords: ['改密', '密码', '支付密码'],
    body: '进入“我的—账户安全”，分别选择“修改登录密码”“修改支付密码”，按提示完成手机验证。平台工作人员不会向您索要密码或验证码。',
  },
  {
    id: 'kb-funds-fraud',
    title: '谨防冒充客服的诈骗',
    audience: 'customer',
    categories: ['funds_security'],
    keywords: ['诈骗', '验证码', '冒充客服'],
    body: '平台客服不会通过私人微信、QQ 要求您转账或提供验证码。如遇可疑联系，请立即通过官方渠道联系客服并修改密码。',
  },
  {
    id: 'kb-dispute-process',
    title: '售后纠纷处理流程',
    audience: 'customer',
    categories: ['refund_dispute', 'not_as_described'],
    keywords: ['纠纷', '售后', '审核', '24小时'],
    body: '提交纠纷后，平台将在 24 小时内完成审核。请准备好订单截图、聊天记录等证据。审核结果将通过原渠道通知您；如对结果有异议，可申请第三方调解。',
  },
  {
    id: 'kb-dispute-evidence',
    title: '纠纷证据收集要点',
    audience: 'agent',
    categories: ['refund_dispute'],
    keywords: ['证据', '截图', '录屏'],
    body: '截图需包含时间和订单号；聊天记录要完整不裁剪；录屏从打开订单开始。证据不足时先向客户说明所需材料，再创建纠纷。',
  },
  {
    id: 'kb-not-as-described-snapshot',
    title: '如何调取商品详情快照',
    audience: 'agent',
    categories: ['not_as_described'],
    keywords: ['快照', '商品详情', '描述'],
    body: '订单详情中“商品快照”记录下单时的标题、面值、区服和使用说明，以快照为准判断是否描述不符，而不是以当前商品页为准。',
  },
  {
    id: 'kb-licence-activation',
    title: '软件授权激活常见问题',
    audience: 'customer',
    categories: ['licence_activation'],
    keywords: ['激活', '授权码', '激活次数'],
    body: '1. 请确认授权码对应的软件版本与您安装的版本一致；\n2. 在线激活需关闭代理；\n3. 更换电脑前请先在旧电脑上解除授权；激活次数用尽请联系客服重置。',
  },
  {
    id: 'kb-licence-reset',
    title: '申请重置激活次数',
    audience: 'agent',
    categories: ['licence_activation'],
    keywords: ['重置', '激活次数', '厂商'],
    body: '核实购买记录后，在供应商面板提交“重置激活”请求；厂商一般 2 小时内处理。重置后请客户重新激活并确认成功。',
  },
  {
    id: 'kb-feature-bug-report',
    title: '功能异常的信息收集模板',
    audience: 'agent',
    categories: ['feature_malfunction'],
    keywords: ['缺陷', '复现', '录屏'],
    body: '页面地址、操作步骤、期望结果、实际结果、出现时间、设备与浏览器/App 版本、截图或录屏。信息齐全后再转技术支持组。',
  },
  {
    id: 'kb-feature-cache',
    title: '页面显示异常的自助排查',
    audience: 'customer',
    categories: ['feature_malfunction'],
    keywords: ['缓存', '刷新', '页面异常'],
    body: '请尝试：刷新页面；清除浏览器缓存；更新 App 到最新版本；更换网络后重试。仍有问题请联系客服并附截图。',
  },
  {
    id: 'kb-howto-redeem',
    title: '如何兑换点卡卡密',
    audience: 'customer',
    categories: ['how_to', 'invalid_card_key'],
    keywords: ['兑换', '卡密', '点卡'],
    body: '在订单详情中复制卡密，打开对应游戏的充值中心，选择“卡密充值”，粘贴卡密并选择正确区服后提交。',
  },
  {
    id: 'kb-howto-withdraw',
    title: '如何提现',
    audience: 'customer',
    categories: ['how_to'],
    keywords: ['提现', '银行卡', '到账时间'],
    body: '进入“我的—钱包—提现”，选择已绑定的银行卡并输入金额，验证支付密码后提交。提现一般 1–2 个工作日到账，节假日顺延。',
  },
  {
    id: 'kb-membership-levels',
    title: '会员等级与折扣规则',
    audience: 'customer',
    categories: ['membership'],
    keywords: ['会员', '等级', '折扣'],
    body: '会员等级按近 30 天消费金额每日更新：白银 95 折、黄金 92 折、钻石 9 折。折扣在下单时自动计算，不与部分活动同享。',
  },
  {
    id: 'kb-membership-compensate',
    title: '折扣未生效的补差处理',
    audience: 'agent',
    categories: ['membership'],
    keywords: ['补差', '折扣', '优惠券'],
    body: '核对下单时会员等级与商品是否参与折扣；应享未享的差额以优惠券补发（客服权限 ¥20 以内），超出权限转资深客服。',
  },
];

/** Adds the demo's SOPs and articles once per workspace. */
export async function ensureDemoKnowledge(db: Db): Promise<void> {
  await db.write(async (tx) => {
    const seeded = await tx.query(`INSERT INTO workspace_meta (key, value) VALUES ($1, '{}') ON CONFLICT (key) DO NOTHING`, [MARKER]);
    if (seeded.rowCount === 0) return;
    for (const [category, seed] of Object.entries(DEMO_SOPS) as Array<[Category, SopSeed]>) {
      const sop = SopInput.parse({ ...seed, checklist: seed.checklist.map(([id, text]) => ({ id, text })) });
      await upsertSop(tx, category, sop, null);
    }
    for (const { id, ...article } of DEMO_ARTICLES) {
      await upsertArticle(tx, id, ArticleInput.parse(article), null);
    }
  });
}
