import type { Category } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import { CreateMacroRequest } from '../../../protocol/macros';
import type { Db } from '../db/db';
import { insertMacro } from './store';

// The demo workspace's shared macros: at least one per category of the brief, in the words a
// 卡盟 support desk uses, within an agent's compensation limits (coupon ¥20, refund ¥50,
// credit 10 %). Installed once per workspace; macros an admin later deletes stay deleted.

const MARKER = 'demo_macros';

/** The story-1 macro: one key answers a delayed delivery with the ETA, a small coupon, and parks the ticket. */
export const STORY_ONE_MACRO = '到账延迟：告知预计恢复时间+补偿券';

type Seed = { name: string; description: string; category: Category | null; actions: CreateMacroRequest['actions'] };

export const DEMO_MACROS: readonly Seed[] = [
  {
    name: STORY_ONE_MACRO,
    description: '上游通道拥堵时使用：回复预计恢复时间，发放 ¥5 补偿券，工单转为等待供应商。',
    category: 'delivery_delayed',
    actions: [
      {
        type: 'reply',
        body:
          '{{customer.name}}，您好！经核实，您的订单 {{order.id}}（{{order.product}}）因上游充值通道拥堵暂未到账，' +
          '供应商预计{{supplier.eta}}恢复，恢复后将自动为您到账，无需重复购买。给您带来不便非常抱歉，' +
          '已为您发放一张补偿优惠券，请在“我的优惠券”中查看。',
      },
      { type: 'coupon', amountCents: 500, cause: '上游通道拥堵导致到账延迟' },
      { type: 'tag', tag: '通道拥堵' },
      { type: 'status', status: 'waiting_supplier' },
    ],
  },
  {
    name: '到账延迟：通道恢复后补发卡密并结单',
    description: '供应商恢复后使用：申请补发，告知客户并结单，随后发送满意度调查。',
    category: 'delivery_delayed',
    actions: [
      { type: 'reissue', cause: '上游通道拥堵导致卡密未到账' },
      {
        type: 'reply',
        body: '{{customer.name}}，您好！上游通道已恢复，订单 {{order.id}} 的卡密已为您重新发放，请在订单详情中查看并尽快使用。如仍有问题请随时联系我们。',
      },
      { type: 'status', status: 'resolved' },
      { type: 'survey' },
    ],
  },
  {
    name: '卡密无效：核实后补发',
    description: '客户反馈卡密显示无效或已使用、核实属实时使用。',
    category: 'invalid_card_key',
    actions: [
      { type: 'reissue', cause: '卡密无效' },
      {
        type: 'reply',
        body: '{{customer.name}}，您好！已核实您订单 {{order.id}} 中的卡密 {{order.cardKey}} 无法正常使用，已为您补发新的卡密，请在订单详情中查看。原卡密已作废，请勿再使用。',
      },
      { type: 'note', body: '卡密 {{order.cardKey}} 无效，已按先行赔付补发，责任方：{{supplier.name}}。' },
      { type: 'status', status: 'resolved' },
    ],
  },
  {
    name: '卡密无效：请客户提供截图',
    description: '需要客户提供兑换失败截图以便向供应商核实。',
    category: 'invalid_card_key',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！为尽快为您处理，请提供兑换卡密时的报错截图（需包含完整的提示信息和兑换时间），我们核实后第一时间为您处理。',
      },
      { type: 'tag', tag: '待客户截图' },
      { type: 'status', status: 'waiting_customer' },
    ],
  },
  {
    name: '充值失败：已提交供应商排查',
    description: '直充未成功、需要供应商核查充值记录时使用。',
    category: 'topup_failed',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！您的订单 {{order.id}} 充值未成功，我们已将充值记录提交给供应商排查，通常 30 分钟内会有结果，届时会第一时间通知您。',
      },
      { type: 'note', body: '已向 {{supplier.name}} 提交充值失败排查，当前通道状态：{{supplier.state}}。' },
      { type: 'tag', tag: '充值失败' },
      { type: 'status', status: 'waiting_supplier' },
    ],
  },
  {
    name: '充值失败：原路退款',
    description: '确认无法充值成功时，全额退回未退部分（客服限额内）。',
    category: 'topup_failed',
    actions: [
      { type: 'refund', cause: '充值失败，无法完成充值' },
      { type: 'reply', body: '{{customer.name}}，您好！很抱歉订单 {{order.id}} 未能充值成功，已为您办理原路退款，预计 1–3 个工作日到账。' },
      { type: 'status', status: 'resolved' },
    ],
  },
  {
    name: '支付异常：请提供支付凭证',
    description: '扣款成功但订单未支付、重复扣款等情况。',
    category: 'payment_fault',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！请提供支付凭证截图（包含支付单号、金额和时间），我们将与支付渠道核对，确认重复扣款或掉单后会为您原路退回。',
      },
      { type: 'priority', priority: 'high' },
      { type: 'tag', tag: '支付核对' },
      { type: 'status', status: 'waiting_customer' },
    ],
  },
  {
    name: '订单异常：核实订单状态',
    description: '订单卡在处理中、状态与实际不符时使用。',
    category: 'order_state',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！您的订单 {{order.id}}（{{order.product}}，{{order.amount}}）状态显示异常，我们正在与系统和供应商核对，请您暂勿重复下单，核实后马上回复您。',
      },
      { type: 'note', body: '订单 {{order.id}} 状态异常，已发起核对。' },
      { type: 'status', status: 'open' },
    ],
  },
  {
    name: '疑似盗号：安全提醒并升级',
    description: '客户账户出现异地登录、被改密等情况；提高优先级并留下内部备注。',
    category: 'account_anomaly',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！您的账户存在异常登录风险，请立即修改登录密码并开启二次验证，不要向任何人透露验证码。我们已将您的情况转交安全专员处理，请保持联系方式畅通。',
      },
      { type: 'priority', priority: 'urgent' },
      { type: 'tag', tag: '疑似盗号' },
      { type: 'note', body: '疑似盗号，已提醒客户改密，等待安全组核查登录记录。' },
    ],
  },
  {
    name: '资金安全：冻结前确认身份',
    description: '客户报告余额被盗用、资金异常变动时使用。',
    category: 'funds_security',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！为保障您的资金安全，请提供注册手机号后四位及最近一笔充值的金额和时间，以便我们核实身份。核实后我们会协助您冻结账户并追查资金流向。',
      },
      { type: 'priority', priority: 'urgent' },
      { type: 'tag', tag: '资金安全' },
      { type: 'status', status: 'waiting_customer' },
    ],
  },
  {
    name: '退款争议：说明售后流程',
    description: '客户要求退款但需按售后规则审核时使用。',
    category: 'refund_dispute',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！已收到您关于订单 {{order.id}} 的退款申请。虚拟商品发货后需核实卡密未被使用方可退款，我们会在 24 小时内完成审核并告知结果，请您耐心等待。',
      },
      { type: 'tag', tag: '退款审核' },
      { type: 'status', status: 'waiting_supplier' },
    ],
  },
  {
    name: '与描述不符：致歉并补偿 10% 余额',
    description: '商品面值、区服或类型与页面描述不一致，客户愿意保留商品时使用。',
    category: 'not_as_described',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！非常抱歉订单 {{order.id}} 的商品与页面描述存在差异，我们已按订单金额的 10% 向您的账户余额补偿，同时已反馈商家修正商品描述。',
      },
      { type: 'credit', percent: 10, cause: '商品与描述不符' },
      { type: 'note', body: '已反馈商家修正 {{order.product}} 的商品描述。' },
      { type: 'status', status: 'resolved' },
    ],
  },
  {
    name: '授权激活失败：排查步骤',
    description: '软件授权码激活失败时发送标准排查步骤。',
    category: 'licence_activation',
    actions: [
      {
        type: 'reply',
        body:
          '{{customer.name}}，您好！请按以下步骤排查：1. 确认安装的软件版本与购买的授权版本一致；2. 激活时关闭代理或加速器；' +
          '3. 复制授权码时不要带空格。若仍提示失败，请把报错截图发给我们，我们将联系供应商为您重置授权。',
      },
      { type: 'status', status: 'waiting_customer' },
    ],
  },
  {
    name: '功能异常：记录并转技术排查',
    description: '客户反馈某功能不可用，需要技术组排查时使用。',
    category: 'feature_malfunction',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！感谢反馈，您描述的问题我们已记录并提交技术同事排查，预计 2 小时内给您答复。期间如有新的现象，欢迎随时补充。',
      },
      { type: 'priority', priority: 'high' },
      { type: 'tag', tag: '技术排查' },
      { type: 'note', body: '客户反馈功能异常，已提交技术排查，请跟进。' },
    ],
  },
  {
    name: '操作咨询：解答并结单',
    description: '常见操作问题解答后结单并邀请评价。',
    category: 'how_to',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！已为您解答上述操作问题，如后续还有疑问，可随时在此会话中联系我们。祝您游戏愉快！',
      },
      { type: 'status', status: 'resolved' },
      { type: 'survey' },
    ],
  },
  {
    name: '会员折扣未生效：补发优惠券',
    description: '会员折扣未在下单时生效，补发差价优惠券。',
    category: 'membership',
    actions: [
      {
        type: 'reply',
        body: '{{customer.name}}，您好！经核实，您下单 {{order.id}} 时会员折扣未能生效，已向您的账户补发 ¥10 优惠券作为差价补偿，下次下单可直接抵扣。',
      },
      { type: 'coupon', amountCents: 1000, cause: '会员折扣未生效' },
      { type: 'status', status: 'resolved' },
    ],
  },
  {
    name: '通用：结单并发送满意度调查',
    description: '问题已解决时使用。',
    category: null,
    actions: [
      { type: 'reply', body: '{{customer.name}}，您好！您的问题已处理完毕，稍后会收到一份满意度调查，期待您的评价。' },
      { type: 'status', status: 'resolved' },
      { type: 'survey' },
    ],
  },
];

/** Adds the demo's shared macros once per workspace. */
export async function ensureDemoMacros(db: Db): Promise<void> {
  await db.write(async (tx) => {
    const seeded = await tx.query(`INSERT INTO workspace_meta (key, value) VALUES ($1, '{}') ON CONFLICT (key) DO NOTHING`, [MARKER]);
    if (seeded.rowCount === 0) return;
    for (const seed of DEMO_MACROS) {
      const m = CreateMacroRequest.parse({ ...seed, scope: 'shared' });
      await insertMacro(tx, { id: newId(), ownerId: null, ...m });
    }
  });
}
