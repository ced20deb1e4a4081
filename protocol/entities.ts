import { z } from 'zod';

// Every syncable row carries `version` (from one server sequence, strictly increasing in
// commit order) and a `deletedAt` tombstone so that deletions travel through pull too.
const syncable = {
  id: z.string().min(1).max(64),
  version: z.number().int().nonnegative(),
  deletedAt: z.string().nullable(),
};

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const CHANNELS = ['webchat', 'wecom', 'qq', 'email', 'phone', 'form'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const TIERS = ['individual', 'merchant', 'enterprise'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

// new 待受理 / open 处理中 / waiting on customer or supplier / resolved 已完成
export const CONVERSATION_STATUSES = [
  'new',
  'open',
  'waiting_customer',
  'waiting_supplier',
  'resolved',
] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** The classification targets and their names in the brief (Simplified Chinese). */
export const CATEGORY_NAMES_ZH = {
  invalid_card_key: '卡密无效/失效',
  delivery_delayed: '到账延迟/未到账',
  topup_failed: '充值失败',
  payment_fault: '支付异常',
  order_state: '订单异常',
  account_anomaly: '账户异常/盗号',
  funds_security: '资金安全',
  refund_dispute: '退款争议/售后纠纷',
  not_as_described: '商品与描述不符',
  licence_activation: '授权激活失败',
  feature_malfunction: '功能异常',
  how_to: '操作咨询',
  membership: '会员权益/折扣',
} as const;
export const CATEGORIES = Object.keys(CATEGORY_NAMES_ZH) as [keyof typeof CATEGORY_NAMES_ZH, ...(keyof typeof CATEGORY_NAMES_ZH)[]];
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const AgentStatus = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const Team = z.object({
  ...syncable,
  name: z.string(),
  kind: z.string(),
});
export type Team = z.infer<typeof Team>;

export const Agent = z.object({
  ...syncable,
  name: z.string(),
  login: z.string(),
  role: Role,
  teamIds: z.array(z.string()),
  status: AgentStatus,
  capacity: z.number().int().nonnegative(),
});
export type Agent = z.infer<typeof Agent>;

export const CustomerIdentity = z.object({
  channel: Channel,
  externalId: z.string(),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export const Customer = z.object({
  ...syncable,
  name: z.string(),
  tier: Tier,
  vip: z.boolean(),
  identities: z.array(CustomerIdentity),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string(),
  /** Frozen by a security action (冻结): no refunds, credits or reissues go to the account. */
  frozen: z.boolean(),
  createdAt: z.string(),
});
export type Customer = z.infer<typeof Customer>;

export const CARD_KEY_STATES = ['unused', 'delivered', 'redeemed', 'invalid', 'pending'] as const;
export const CardKey = z.object({
  // Masked for display (e.g. "XXXX-****-****-7Q2M"); the full key never syncs to workstations.
  masked: z.string(),
  state: z.enum(CARD_KEY_STATES),
});
export type CardKey = z.infer<typeof CardKey>;

export const ORDER_STATES = ['paid', 'delivering', 'delivered', 'failed', 'refunded'] as const;
export const Order = z.object({
  ...syncable,
  customerId: z.string(),
  product: z.string(),
  game: z.string().nullable(),
  supplier: z.string(),
  amountCents: z.number().int(),
  state: z.enum(ORDER_STATES),
  cardKeys: z.array(CardKey),
  createdAt: z.string(),
});
export type Order = z.infer<typeof Order>;

export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'paused'] as const;
export const SlaState = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof SlaState>;

/**
 * Where a ticket stands against its SLA. `state` is the most pressing running clock
 * (breached, then warning, then ok), paused while waiting on the customer, met once every
 * clock stopped in time. A due time is null once its clock stopped, or while paused.
 */
export const ConversationSla = z.object({
  state: SlaState,
  firstResponseDueAt: z.string().nullable(),
  nextResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
});
export type ConversationSla = z.infer<typeof ConversationSla>;

/** A tag as agents type it: trimmed, one to 40 characters. */
export const TagName = z.string().trim().min(1).max(40);

export const Conversation = z.object({
  ...syncable,
  customerId: z.string(),
  channel: Channel,
  subject: z.string(),
  status: ConversationStatus,
  category: Category.nullable(),
  /** The classifier's confidence in `category`; null when a person (agent, ticket form) set it. */
  categoryConfidence: z.number().min(0).max(1).nullable(),
  priority: Priority,
  /** The customer's third contact about the same problem within a week: handled by a senior agent. */
  repeat: z.boolean(),
  /** Opened by a group message that @mentioned the service account (QQ, WeChat groups); absent on rows cached before the flag. */
  groupMention: z.boolean().optional(),
  /** Labels agents and macros put on the ticket (e.g. 通道拥堵), oldest first; absent on rows cached before tags synced. */
  tags: z.array(z.string()).optional(),
  /** Null for tickets not on an SLA clock (opened before the pipeline tracked them). */
  sla: ConversationSla.nullable(),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  orderId: z.string().nullable(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  // Count of customer messages after the last agent read; shown as unread state.
  unreadCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof Conversation>;

export const Attachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** Server path to fetch it with the agent's session (GET, bearer token). */
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MESSAGE_KINDS = ['customer', 'agent', 'note', 'system'] as const;
export const Message = z.object({
  ...syncable,
  conversationId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  /** Email HTML after sanitising, when the message came as HTML; `body` holds its text. */
  html: z.string().nullable(),
  attachments: z.array(Attachment),
  createdAt: z.string(),
});
export type Message = z.infer<typeof Message>;
