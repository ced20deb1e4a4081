import { newId } from '../../../protocol/ids';
import type { Category, Channel, ConversationStatus, Priority, Tier } from '../../../protocol/entities';
import { touchConversationGraph } from '../conversations/graph';
import { recordEvents, SYSTEM_ACTOR, TICKET_EVENT } from '../conversations/events';
import type { JsonObject } from '../audit/canonical-json';
import type { Db, Sql } from '../db/db';
import type { TeamAssignment } from '../routing/assign';
import { raisePriority } from '../routing/rules';
import { assignFromTeam, teamIdOfKind } from '../routing/store';
import type { SlaClock, TimelineEvent } from './clock';
import type { Escalation } from './escalation';
import type { SlaMetric } from './policy';
import { planSla, type SlaPlan, type SlaRules, type SlaTicket, type TicketSla } from './ticket';

export interface SlaSettings extends SlaRules {
  assignment: TeamAssignment;
}

interface SlaRow {
  id: string;
  status: ConversationStatus;
  category: Category | null;
  priority: Priority;
  channel: Channel;
  group_mention: boolean;
  tier: Tier;
  vip: boolean;
  created_at: Date;
  sla_state: TicketSla['state'] | null;
  sla_first_response_due_at: Date | null;
  sla_next_response_due_at: Date | null;
  sla_resolution_due_at: Date | null;
}

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

type Which = { ids: readonly string[]; lock?: boolean } | 'running';

/** Tickets with their SLA facts, stored state, timeline (messages, status changes) and fired escalations. */
export async function loadSlaTickets(sql: Sql, which: Which): Promise<SlaTicket[]> {
  const columns = `c.id, c.status, c.category, c.priority, c.channel, c.group_mention, cu.tier, cu.vip, c.created_at,
    c.sla_state, c.sla_first_response_due_at, c.sla_next_response_due_at, c.sla_resolution_due_at`;
  const from = 'FROM conversations c JOIN customers cu ON cu.id = c.customer_id';
  const { rows } =
    which === 'running'
      ? await sql.query<SlaRow>(`SELECT ${columns} ${from}
          WHERE c.sla_state IS NOT NULL AND c.status <> 'resolved' AND c.deleted_at IS NULL`)
      : await sql.query<SlaRow>(`SELECT ${columns} ${from} WHERE c.id = ANY($1::text[]) ${which.lock ? 'FOR UPDATE OF c' : ''}`, [which.ids]);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const timelines = new Map<string, TimelineEvent[]>(rows.map((r) => [r.id, [{ at: ms(r.created_at)!, type: 'created' }]]));
  const fired = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  // Messages, status changes and fired escalations in one round trip, in time order.
  const history = await sql.query<{ source: 'message' | 'status' | 'fired'; id: string; value: string; at: Date }>(
    `SELECT 'message' AS source, conversation_id AS id, kind AS value, created_at AS at FROM messages
      WHERE conversation_id = ANY($1::text[]) AND kind IN ('customer', 'agent') AND deleted_at IS NULL
     UNION ALL
     SELECT 'status', ticket_id, data->>'to', at FROM ticket_events WHERE ticket_id = ANY($1::text[]) AND type = $2
     UNION ALL
     SELECT 'fired', conversation_id, key, fired_at FROM sla_escalations WHERE conversation_id = ANY($1::text[])
     ORDER BY at`,
    [ids, TICKET_EVENT.status],
  );
  for (const h of history.rows) {
    if (h.source === 'fired') fired.get(h.id)!.add(h.value);
    else if (h.source === 'status') timelines.get(h.id)!.push({ at: ms(h.at)!, type: 'status', status: h.value as ConversationStatus });
    else timelines.get(h.id)!.push({ at: ms(h.at)!, type: h.value === 'customer' ? 'customer_message' : 'agent_reply' });
  }
  return rows.map((r) => ({
    id: r.id,
    facts: { category: r.category, tier: r.tier, vip: r.vip, channel: r.channel, groupMention: r.group_mention, priority: r.priority },
    timeline: timelines.get(r.id)!,
    stored:
      r.sla_state === null
        ? null
        : {
            state: r.sla_state,
            firstResponseDueAt: ms(r.sla_first_response_due_at),
            nextResponseDueAt: ms(r.sla_next_response_due_at),
            resolutionDueAt: ms(r.sla_resolution_due_at),
          },
    fired: fired.get(r.id)!,
  }));
}

const at = (n: number | null) => (n === null ? null : new Date(n));

/** Writes the SLA columns (only when they change, so sync carries real changes only). */
export async function storeSla(tx: Sql, conversationId: string, sla: TicketSla): Promise<void> {
  await tx.query(
    `UPDATE conversations SET sla_state = $2, sla_first_response_due_at = $3, sla_next_response_due_at = $4,
       sla_resolution_due_at = $5 WHERE id = $1`,
    [conversationId, sla.state, at(sla.firstResponseDueAt), at(sla.nextResponseDueAt), at(sla.resolutionDueAt)],
  );
}

/**
 * Brings one ticket's SLA up to date inside the caller's write transaction: state and due
 * times, then the escalations now due, each once. Tickets not on an SLA clock are left alone.
 */
export async function refreshSla(tx: Sql, conversationId: string, settings: SlaSettings, now = Date.now()): Promise<void> {
  const [ticket] = await loadSlaTickets(tx, { ids: [conversationId], lock: true });
  if (!ticket || ticket.stored === null) return;
  const plan = planSla(ticket, settings, now);
  if (plan.changed) await storeSla(tx, ticket.id, plan.sla);
  for (const e of plan.escalations) await escalate(tx, ticket.id, e, plan, settings);
}

/**
 * Re-evaluates every running ticket. The evaluation reads one snapshot without the write
 * lock; only tickets whose state changes or that owe an escalation get a (short) write
 * transaction, which evaluates them again on fresh rows before acting.
 */
export async function sweepSla(db: Db, settings: SlaSettings, now = Date.now()): Promise<number> {
  const due = await db.snapshot(async (tx) =>
    (await loadSlaTickets(tx, 'running')).filter((t) => {
      const plan = planSla(t, settings, now);
      return plan.changed || plan.escalations.length > 0;
    }),
  );
  for (const t of due) await db.write((tx) => refreshSla(tx, t.id, settings, now));
  return due.length;
}

const METRIC_ZH: Record<SlaMetric, string> = { firstResponse: '首次响应', nextResponse: '再次响应', resolution: '解决' };

function duration(msLeft: number): string {
  const s = Math.round(Math.abs(msLeft) / 1000);
  if (s < 120) return `${s} 秒`;
  if (s < 7200) return `${Math.round(s / 60)} 分钟`;
  return `${Math.round(s / 360) / 10} 小时`;
}

/** The internal note a supervisor sees in the ticket; notes never reach the customer. */
function supervisorNote(e: Escalation, clock: SlaClock): string {
  const what = METRIC_ZH[e.metric];
  return e.state === 'warning'
    ? `【SLA 预警】${what}目标 ${duration(clock.targetMs)}，还剩 ${duration(clock.remainingMs)}，请主管关注 (SLA warning: ${e.metric})`
    : `【SLA 超时】${what}目标 ${duration(clock.targetMs)}，已超出 ${duration(clock.remainingMs)}，请主管介入 (SLA breached: ${e.metric})`;
}

export const SLA_AUTHOR = 'Kadesk SLA';

type Action = (tx: Sql, ticketId: string, e: Escalation, plan: SlaPlan, settings: SlaSettings) => Promise<JsonObject>;

const ACTIONS: Record<Escalation['action'], Action> = {
  async notify_supervisor(tx, ticketId, e, plan) {
    const messageId = newId();
    await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body) VALUES ($1, $2, 'note', NULL, $3, $4)`, [
      messageId,
      ticketId,
      SLA_AUTHOR,
      supervisorNote(e, plan.evaluation[e.metric]!),
    ]);
    return { messageId };
  },
  async raise_priority(tx, ticketId) {
    const { rows } = await tx.query<{ priority: Priority }>('SELECT priority FROM conversations WHERE id = $1', [ticketId]);
    const from = rows[0]!.priority;
    const to = raisePriority(from);
    if (to !== from) await tx.query('UPDATE conversations SET priority = $2, updated_at = now() WHERE id = $1', [ticketId, to]);
    return { from, to };
  },
  // A senior agent takes over: the owner stays only if they are in the senior team themselves.
  async move_to_senior(tx, ticketId, _e, _plan, settings) {
    const senior = await teamIdOfKind(tx, 'senior');
    const { rows } = await tx.query<{ team_id: string | null; assignee_id: string | null; senior_owner: boolean }>(
      `SELECT c.team_id, c.assignee_id, COALESCE($2::text = ANY(a.team_ids), false) AS senior_owner
         FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id WHERE c.id = $1`,
      [ticketId, senior],
    );
    const before = rows[0]!;
    if (senior === null || before.team_id === senior) return { fromTeam: before.team_id, toTeam: before.team_id };
    const keep = before.senior_owner ? before.assignee_id : null;
    await tx.query('UPDATE conversations SET team_id = $2, prev_team_id = team_id, assignee_id = $3, updated_at = now() WHERE id = $1', [
      ticketId,
      senior,
      keep,
    ]);
    const assignee = keep ?? (await assignFromTeam(tx, { id: ticketId, teamId: senior }, settings.assignment, 'sla-escalation'));
    await touchConversationGraph(tx, ticketId);
    return { fromTeam: before.team_id, toTeam: senior, fromAssignee: before.assignee_id, toAssignee: assignee };
  },
};

async function escalate(tx: Sql, ticketId: string, e: Escalation, plan: SlaPlan, settings: SlaSettings): Promise<void> {
  const claimed = await tx.query('INSERT INTO sla_escalations (conversation_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [
    ticketId,
    e.key,
  ]);
  if (claimed.rows.length === 0) return;
  const details = await ACTIONS[e.action](tx, ticketId, e, plan, settings);
  await recordEvents(tx, ticketId, [
    {
      actor: SYSTEM_ACTOR,
      type: TICKET_EVENT.slaEscalated,
      data: { key: e.key, action: e.action, metric: e.metric, state: e.state, rule: e.ruleId, ...details },
    },
  ]);
}
