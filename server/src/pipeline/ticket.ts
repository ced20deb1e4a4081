import type { ConversationStatus, Priority } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import { OPENING_MESSAGES } from '../classify';
import { currentModel } from '../classify/store';
import { assignedEvent, customerActor, recordEvents, statusChange, SYSTEM_ACTOR, TICKET_EVENT, type TicketEvent } from '../conversations/events';
import { notifyOutbound, touchConversationGraph, touchCustomer } from '../conversations/graph';
import { statusAfterCustomerMessage } from '../conversations/ownership';
import type { Sql } from '../db/db';
import type { ContactTicket, RepeatVerdict } from '../repeat/detect';
import { maxPriority, type RouteFacts, type TeamKind } from '../routing/rules';
import { assignFromTeam, noteAssignment, pickAgent, teamIdOfKind } from '../routing/store';
import { planSla } from '../sla/ticket';
import { refreshSla } from '../sla/tracker';
import { previewOf } from '../sync/rows';
import { findThread, recordThreadRef } from './thread-refs';
import { type IdentifiedCustomer, identifyCustomer } from './customers';
import { type Classified, classifyOpening, type Placement, placeTicket } from './decide';
import type { InboundMessage } from './inbound';
import type { Policies } from './policies';

/** In pipeline order; `store` comes last, once everything is written. */
export const PIPELINE_STEPS = ['identify', 'classify', 'route', 'assign', 'sla', 'store'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export interface QueuedMessage {
  id: string;
  msg: InboundMessage;
  receivedAt: Date;
}

interface Run {
  tx: Sql;
  q: QueuedMessage;
  customer: IdentifiedCustomer;
  policies: Policies;
  step: (s: PipelineStep) => Promise<void>;
}

/** What the pipeline reads of a conversation it adds a message to. */
interface TicketRow {
  id: string;
  status: ConversationStatus;
  category: string | null;
  priority: Priority;
  team_id: string | null;
  assignee_id: string | null;
  order_id: string | null;
  order_refs: string[];
  group_mention: boolean;
  created_at: Date;
}
const TICKET_COLUMNS = 'id, status, category, priority, team_id, assignee_id, order_id, order_refs, group_mention, created_at';

/** The author shown on notes the pipeline and the SLA clock leave for agents. */
export const SYSTEM_AUTHOR = 'Kadesk';

/**
 * Stores one inbound message inside the caller's transaction: the customer, a new ticket
 * (classified, routed, assigned, on the SLA clock) or the next message of an open one, its
 * audit events and the pokes. All or nothing.
 */
export async function storeInbound(
  tx: Sql,
  q: QueuedMessage,
  opts: { policies: Policies; afterStep?: (step: PipelineStep) => void | Promise<void> },
): Promise<{ conversationId: string; customerId: string }> {
  const step = async (s: PipelineStep) => opts.afterStep?.(s);
  const customer = await identifyCustomer(tx, q.msg);
  await step('identify');
  const run: Run = { tx, q, customer, policies: opts.policies, step };
  const existing = await findConversation(tx, customer.id, q.msg);
  const conversationId = existing ? await continueTicket(run, existing) : await openTicket(run);
  if (q.msg.threadRef) await recordThreadRef(tx, q.msg.channel, q.msg.threadRef, conversationId);
  await notifyOutbound(tx, conversationId);
  await step('store');
  return { conversationId, customerId: customer.id };
}

async function findConversation(tx: Sql, customerId: string, msg: InboundMessage): Promise<TicketRow | null> {
  const threaded = msg.replyTo?.length ? await findThread(tx, msg.channel, msg.replyTo, customerId) : null;
  // A form submission files a new ticket unless it quotes one; chat-like channels continue the open one.
  if (!threaded && msg.channel === 'form') return null;
  const { rows } = threaded
    ? await tx.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM conversations WHERE id = $1 FOR UPDATE`, [threaded])
    : await tx.query<TicketRow>(
        `SELECT ${TICKET_COLUMNS} FROM conversations
          WHERE customer_id = $1 AND channel = $2 AND deleted_at IS NULL AND status <> 'resolved'
          ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
        [customerId, msg.channel],
      );
  return rows[0] ?? null;
}

interface Decision {
  classified: Classified;
  /** The first named order that exists and is the customer's. */
  orderId: string | null;
  orderRefs: string[];
  placement: Placement;
  teamId: string | null;
}

/** Classify and route: the decisions about a ticket from its opening customer messages. */
async function decide(
  run: Run,
  ticket: { id: string; createdAt: number; groupMention: boolean; knownOrderRefs: readonly string[] },
  openingMessages: readonly string[],
): Promise<Decision> {
  const { tx, q, customer, policies } = run;
  const classified = classifyOpening(await currentModel(tx), openingMessages, q.msg.hints);
  const orderRefs = [...new Set([...ticket.knownOrderRefs, ...classified.orderRefs])];
  const orderId = await ownOrder(tx, customer.id, orderRefs);
  await run.step('classify');
  const facts: RouteFacts = {
    category: classified.category,
    tier: customer.tier,
    vip: customer.vip,
    channel: q.msg.channel,
    groupMention: ticket.groupMention,
  };
  const prior = await recentTickets(tx, customer.id, ticket.createdAt - policies.repeat.windowMs);
  const placement = placeTicket(policies, facts, classified.priority, prior, {
    id: ticket.id,
    createdAt: ticket.createdAt,
    category: classified.category,
    orderIds: orderRefs,
  });
  const teamId = await teamFor(tx, placement.route.team);
  await run.step('route');
  return { classified, orderId, orderRefs, placement, teamId };
}

async function openTicket(run: Run): Promise<string> {
  const { tx, q, customer, policies } = run;
  const { msg, receivedAt } = q;
  const createdAt = receivedAt.getTime();
  const id = newId(createdAt);
  const groupMention = msg.groupMention ?? false;
  const opening = [msg.subject, msg.body].filter(Boolean).join('\n');
  const d = await decide(run, { id, createdAt, groupMention, knownOrderRefs: [] }, [opening]);
  const assigneeId = d.teamId ? await pickAgent(tx, d.teamId, policies.assignment) : null;
  await run.step('assign');
  const facts = { category: d.classified.category, tier: customer.tier, vip: customer.vip, channel: msg.channel, groupMention };
  const { sla, evaluation } = planSla(
    {
      id,
      facts: { ...facts, priority: d.placement.route.priority },
      timeline: [
        { at: createdAt, type: 'created' },
        { at: createdAt, type: 'customer_message' },
      ],
      stored: null,
      fired: new Set(),
    },
    policies,
    Date.now(),
  );
  await run.step('sla');

  const at = (n: number | null) => (n === null ? null : new Date(n));
  await tx.query(
    `INSERT INTO conversations (id, customer_id, channel, subject, status, category, category_confidence, priority, repeat,
       group_mention, team_id, assignee_id, order_id, order_refs, last_message_at, last_message_preview, unread_count,
       sla_state, sla_first_response_due_at, sla_next_response_due_at, sla_resolution_due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18, $19, $14, now())`,
    [
      id,
      customer.id,
      msg.channel,
      msg.subject?.trim() || previewOf(msg.body, 40),
      d.classified.category,
      d.classified.confidence,
      d.placement.route.priority,
      d.placement.repeat.repeat,
      groupMention,
      d.teamId,
      assigneeId,
      d.orderId,
      d.orderRefs,
      receivedAt,
      previewOf(msg.body),
      sla.state,
      at(sla.firstResponseDueAt),
      at(sla.nextResponseDueAt),
      at(sla.resolutionDueAt),
    ],
  );
  await insertMessage(run, id);
  // Workstations that gain this customer through the new ticket need its profile and orders.
  await touchCustomer(tx, '$1', [customer.id]);

  if (assigneeId) await noteAssignment(tx, assigneeId);
  await recordEvents(tx, id, [
    { actor: customerActor(customer.id), type: TICKET_EVENT.created, data: { channel: msg.channel, status: 'new', messageId: q.id }, at: receivedAt },
    ...decisionEvents(d, {
      firstResponse: evaluation.firstResponse.policyId,
      firstResponseDueAt: at(sla.firstResponseDueAt)?.toISOString() ?? null,
      resolutionDueAt: at(sla.resolutionDueAt)?.toISOString() ?? null,
    }),
    assigneeId ? assignedEvent(SYSTEM_ACTOR, { from: null, to: assigneeId, teamId: d.teamId, cause: 'pipeline' }) : null,
  ]);
  if (d.placement.repeat.repeat) await addNote(tx, id, repeatNote(d.placement.repeat, policies.repeat.windowMs));
  return id;
}

async function continueTicket(run: Run, t: TicketRow): Promise<string> {
  const { tx, q, customer } = run;
  const status = statusAfterCustomerMessage(t.status);
  await tx.query(
    `UPDATE conversations SET status = $2, last_message_at = GREATEST(last_message_at, $3), last_message_preview = $4,
       unread_count = unread_count + 1, updated_at = now() WHERE id = $1`,
    [t.id, status, q.receivedAt, previewOf(q.msg.body)],
  );
  await insertMessage(run, t.id);
  const actor = customerActor(customer.id);
  await recordEvents(tx, t.id, [
    { actor, type: TICKET_EVENT.customerMessage, data: { messageId: q.id }, at: q.receivedAt },
    statusChange(actor, { from: t.status, to: status, cause: 'customer_message' }, q.receivedAt),
  ]);
  if (t.category === null) await classifyLate(run, t);
  await refreshSla(tx, t.id, run.policies);
  await run.step('sla');
  return t.id;
}

/**
 * A ticket the classifier could not place from its first message gets another look with
 * each of its opening messages. Found now, the category is set; an unowned ticket is also
 * routed again (moving team if need be) and offered to that team's agents.
 */
async function classifyLate(run: Run, t: TicketRow): Promise<void> {
  const { tx, policies } = run;
  const { rows } = await tx.query<{ body: string }>(
    `SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'customer' AND deleted_at IS NULL
      ORDER BY created_at, id LIMIT ${OPENING_MESSAGES + 1}`,
    [t.id],
  );
  if (rows.length > OPENING_MESSAGES) return;
  const d = await decide(run, { id: t.id, createdAt: new Date(t.created_at).getTime(), groupMention: t.group_mention, knownOrderRefs: t.order_refs }, rows.map((r) => r.body));
  if (d.classified.category === null) return;
  const reroute = t.assignee_id === null;
  const teamId = reroute ? (d.teamId ?? t.team_id) : t.team_id;
  const priority = reroute ? maxPriority(t.priority, d.placement.route.priority) : t.priority;
  await tx.query(
    `UPDATE conversations SET category = $2, category_confidence = $3, order_id = COALESCE(order_id, $4), order_refs = $5,
       priority = $6, repeat = repeat OR $7, team_id = $8,
       prev_team_id = CASE WHEN team_id IS DISTINCT FROM $8 THEN team_id ELSE prev_team_id END, updated_at = now()
     WHERE id = $1`,
    [t.id, d.classified.category, d.classified.confidence, d.orderId, d.orderRefs, priority, reroute && d.placement.repeat.repeat, teamId],
  );
  if (teamId !== t.team_id) await touchConversationGraph(tx, t.id);
  await recordEvents(tx, t.id, decisionEvents(reroute ? d : { ...d, placement: null }));
  if (reroute && d.placement.repeat.repeat) await addNote(tx, t.id, repeatNote(d.placement.repeat, policies.repeat.windowMs));
  if (reroute && teamId) await assignFromTeam(tx, { id: t.id, teamId }, policies.assignment, 'pipeline');
  await run.step('assign');
}

async function insertMessage({ tx, q, customer }: Run, conversationId: string): Promise<void> {
  await tx.query(
    `INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body, html, attachments, created_at)
     VALUES ($1, $2, 'customer', $3, $4, $5, $6, $7, $8)`,
    [q.id, conversationId, customer.id, customer.name, q.msg.body, q.msg.html ?? null, JSON.stringify(q.msg.attachments ?? []), q.receivedAt],
  );
}

/** What classification and routing decided, for the audit trail; without placement, only the classification. */
function decisionEvents(d: Omit<Decision, 'placement'> & { placement: Placement | null }, sla?: Record<string, string | null>): TicketEvent[] {
  const c = d.classified;
  const classified: TicketEvent = {
    actor: SYSTEM_ACTOR,
    type: TICKET_EVENT.classified,
    data: { category: c.category, confidence: c.confidence, orderId: d.orderId, orderRefs: d.orderRefs, reasons: c.reasons },
  };
  if (!d.placement) return [classified];
  const { route, repeat } = d.placement;
  return [
    classified,
    {
      actor: SYSTEM_ACTOR,
      type: TICKET_EVENT.routed,
      data: { team: route.team, teamId: d.teamId, priority: route.priority, reasons: route.reasons, repeat: repeat.repeat, earlier: repeat.earlier, sla },
    },
  ];
}

function repeatNote(v: Extract<RepeatVerdict, { repeat: true }>, windowMs: number): string {
  const days = Math.round(windowMs / 86_400_000);
  const about = v.sameOrders.length > 0 ? `订单 ${v.sameOrders.join('、')}` : '同一类问题';
  return `【重复来访】该客户 ${days} 天内第 ${v.earlier.length + 1} 次反映${about}，已转资深客服优先处理。此前工单：${v.earlier.join('、')} (repeat contact)`;
}

/** A note for agents only, left by Kadesk itself. */
export async function addNote(tx: Sql, conversationId: string, body: string): Promise<void> {
  await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body) VALUES ($1, $2, 'note', NULL, $3, $4)`, [
    newId(),
    conversationId,
    SYSTEM_AUTHOR,
    body,
  ]);
}

async function teamFor(tx: Sql, kind: TeamKind): Promise<string | null> {
  return (await teamIdOfKind(tx, kind)) ?? (kind === 'general' ? null : teamIdOfKind(tx, 'general'));
}

async function ownOrder(tx: Sql, customerId: string, refs: readonly string[]): Promise<string | null> {
  if (refs.length === 0) return null;
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM orders WHERE id = ANY($1::text[]) AND customer_id = $2 AND deleted_at IS NULL',
    [refs, customerId],
  );
  const own = new Set(rows.map((r) => r.id));
  return refs.find((r) => own.has(r)) ?? null;
}

async function recentTickets(tx: Sql, customerId: string, since: number): Promise<ContactTicket[]> {
  const { rows } = await tx.query<{ id: string; created_at: Date; category: ContactTicket['category']; order_id: string | null; order_refs: string[] }>(
    `SELECT id, created_at, category, order_id, order_refs FROM conversations
      WHERE customer_id = $1 AND created_at > $2 AND deleted_at IS NULL`,
    [customerId, new Date(since)],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at).getTime(),
    category: r.category,
    orderIds: [...new Set([...r.order_refs, ...(r.order_id ? [r.order_id] : [])])],
  }));
}
