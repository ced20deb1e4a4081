import type { Conversation, Customer, CustomerIdentity, Message, Order, SlaState, Team } from '../../../protocol/entities';

// Database rows → protocol entities. SELECT lists live beside their mappers so the two
// cannot drift apart.

const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();
const isoRequired = (d: Date | string): string => iso(d) as string;

export const TEAM_COLUMNS = 't.id, t.name, t.kind, t.version, t.deleted_at';
export interface TeamRow {
  id: string;
  name: string;
  kind: string;
  version: number;
  deleted_at: Date | null;
}
export const teamFromRow = (r: TeamRow): Team => ({
  id: r.id,
  version: r.version,
  deletedAt: iso(r.deleted_at),
  name: r.name,
  kind: r.kind,
});

export const CUSTOMER_COLUMNS =
  'cu.id, cu.name, cu.tier, cu.vip, cu.phone, cu.email, cu.note, cu.frozen, cu.identities, cu.created_at, cu.version, cu.deleted_at';
export interface CustomerRow {
  id: string;
  name: string;
  tier: Customer['tier'];
  vip: boolean;
  phone: string | null;
  email: string | null;
  note: string;
  frozen: boolean;
  identities: CustomerIdentity[];
  created_at: Date;
  version: number;
  deleted_at: Date | null;
}
export const customerFromRow = (r: CustomerRow): Customer => ({
  id: r.id,
  version: r.version,
  deletedAt: iso(r.deleted_at),
  name: r.name,
  tier: r.tier,
  vip: r.vip,
  identities: r.identities,
  phone: r.phone,
  email: r.email,
  note: r.note,
  frozen: r.frozen,
  createdAt: isoRequired(r.created_at),
});

/** Workstations see only the last four characters of a card key. */
export function maskCardKey(code: string): string {
  const tail = code.replace(/[^0-9A-Za-z]/g, '').slice(-4);
  return `****-****-****-${tail}`;
}

export const ORDER_COLUMNS = `o.id, o.customer_id, o.product, o.game, o.supplier, o.amount_cents, o.state, o.created_at,
  o.version, o.deleted_at,
  COALESCE((SELECT json_agg(json_build_object('code', k.code, 'state', k.state) ORDER BY k.created_at, k.id)
            FROM card_keys k WHERE k.order_id = o.id), '[]'::json) AS card_keys`;
export interface OrderRow {
  id: string;
  customer_id: string;
  product: string;
  game: string | null;
  supplier: string;
  amount_cents: number;
  state: Order['state'];
  created_at: Date;
  version: number;
  deleted_at: Date | null;
  card_keys: Array<{ code: string; state: Order['cardKeys'][number]['state'] }>;
}
export const orderFromRow = (r: OrderRow): Order => ({
  id: r.id,
  version: r.version,
  deletedAt: iso(r.deleted_at),
  customerId: r.customer_id,
  product: r.product,
  game: r.game,
  supplier: r.supplier,
  amountCents: r.amount_cents,
  state: r.state,
  cardKeys: r.card_keys.map((k) => ({ masked: maskCardKey(k.code), state: k.state })),
  createdAt: isoRequired(r.created_at),
});

export const CONVERSATION_COLUMNS = `c.id, c.customer_id, c.channel, c.subject, c.status, c.category, c.category_confidence,
  c.priority, c.repeat, c.group_mention, c.tags, c.team_id, c.assignee_id, c.order_id, c.last_message_at, c.last_message_preview, c.unread_count,
  c.sla_state, c.sla_first_response_due_at, c.sla_next_response_due_at, c.sla_resolution_due_at,
  c.created_at, c.updated_at, c.version, c.deleted_at`;
export interface ConversationRow {
  id: string;
  customer_id: string;
  channel: Conversation['channel'];
  subject: string;
  status: Conversation['status'];
  category: Conversation['category'];
  category_confidence: number | null;
  priority: Conversation['priority'];
  repeat: boolean;
  group_mention: boolean;
  tags: string[];
  team_id: string | null;
  assignee_id: string | null;
  order_id: string | null;
  last_message_at: Date;
  last_message_preview: string;
  unread_count: number;
  sla_state: SlaState | null;
  sla_first_response_due_at: Date | null;
  sla_next_response_due_at: Date | null;
  sla_resolution_due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  deleted_at: Date | null;
}
export const conversationFromRow = (r: ConversationRow): Conversation => ({
  id: r.id,
  version: r.version,
  deletedAt: iso(r.deleted_at),
  customerId: r.customer_id,
  channel: r.channel,
  subject: r.subject,
  status: r.status,
  category: r.category,
  categoryConfidence: r.category_confidence,
  priority: r.priority,
  repeat: r.repeat,
  groupMention: r.group_mention,
  tags: r.tags,
  sla:
    r.sla_state === null
      ? null
      : {
          state: r.sla_state,
          firstResponseDueAt: iso(r.sla_first_response_due_at),
          nextResponseDueAt: iso(r.sla_next_response_due_at),
          resolutionDueAt: iso(r.sla_resolution_due_at),
        },
  teamId: r.team_id,
  assigneeId: r.assignee_id,
  orderId: r.order_id,
  lastMessageAt: isoRequired(r.last_message_at),
  lastMessagePreview: r.last_message_preview,
  unreadCount: r.unread_count,
  createdAt: isoRequired(r.created_at),
  updatedAt: isoRequired(r.updated_at),
});

export const MESSAGE_COLUMNS =
  'm.id, m.conversation_id, m.kind, m.author_id, m.author_name, m.body, m.html, m.attachments, m.created_at, m.version, m.deleted_at';
export interface MessageRow {
  id: string;
  conversation_id: string;
  kind: Message['kind'];
  author_id: string | null;
  author_name: string;
  body: string;
  html: string | null;
  attachments: Message['attachments'];
  created_at: Date;
  version: number;
  deleted_at: Date | null;
}
export const messageFromRow = (r: MessageRow): Message => ({
  id: r.id,
  version: r.version,
  deletedAt: iso(r.deleted_at),
  conversationId: r.conversation_id,
  kind: r.kind,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  html: r.html,
  attachments: r.attachments,
  createdAt: isoRequired(r.created_at),
});

/** Short single-line preview for inbox rows. */
export function previewOf(body: string, max = 80): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
