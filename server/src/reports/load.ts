import type { Category, Channel } from '../../../protocol/entities';
import { PRIORITIES } from '../../../protocol/entities';
import type { ServiceReport } from '../../../protocol/reports';
import { COMPENSATION_COLUMNS, compensationFromRow, type CompensationRow } from '../compensation/store';
import { TICKET_EVENT } from '../conversations/events';
import type { Sql } from '../db/db';
import { loadSlaTickets } from '../sla/tracker';
import type { SlaRules } from '../sla/ticket';
import {
  attainment,
  attainmentBy,
  compensation,
  type CreatedTicket,
  csat,
  firstContactResolution,
  firstResponseTimes,
  outcomeOf,
  percentiles,
  repeatContacts,
  type TicketOutcome,
  volume,
} from './metrics';
import type { ReportPeriod } from './period';

// Timelines are loaded this many tickets at a time, so a busy month does not become one huge query.
const TIMELINE_BATCH = 500;

interface CreatedRow {
  created_at: Date;
  channel: Channel;
  category: Category | null;
  repeat: boolean;
  first_reply_at: Date | null;
}

async function createdTickets(sql: Sql, p: ReportPeriod): Promise<CreatedTicket[]> {
  const { rows } = await sql.query<CreatedRow>(
    `SELECT c.created_at, c.channel, c.category, c.repeat,
       (SELECT min(m.created_at) FROM messages m
         WHERE m.conversation_id = c.id AND m.kind = 'agent' AND m.deleted_at IS NULL) AS first_reply_at
     FROM conversations c WHERE c.deleted_at IS NULL AND c.created_at >= $1 AND c.created_at < $2`,
    [p.start, p.end],
  );
  return rows.map((r) => ({
    createdAt: new Date(r.created_at).getTime(),
    channel: r.channel,
    category: r.category,
    repeat: r.repeat,
    firstReplyAt: r.first_reply_at === null ? null : new Date(r.first_reply_at).getTime(),
  }));
}

/** Tickets resolved now whose latest resolution falls in the period. */
async function resolvedOutcomes(sql: Sql, p: ReportPeriod, rules: SlaRules): Promise<TicketOutcome[]> {
  const { rows } = await sql.query<{ ticket_id: string }>(
    `SELECT DISTINCT e.ticket_id FROM ticket_events e JOIN conversations c ON c.id = e.ticket_id
      WHERE e.type = $3 AND e.data->>'to' = 'resolved' AND e.at >= $1 AND e.at < $2
        AND c.status = 'resolved' AND c.deleted_at IS NULL`,
    [p.start, p.end, TICKET_EVENT.status],
  );
  const ids = rows.map((r) => r.ticket_id);
  const outcomes: TicketOutcome[] = [];
  for (let i = 0; i < ids.length; i += TIMELINE_BATCH) {
    for (const ticket of await loadSlaTickets(sql, { ids: ids.slice(i, i + TIMELINE_BATCH) })) {
      const o = outcomeOf(ticket, rules);
      // Resolved in the period, then reopened and resolved again after it: it counts then.
      if (o && o.resolvedAt >= p.start.getTime() && o.resolvedAt < p.end.getTime()) outcomes.push(o);
    }
  }
  return outcomes;
}

/** The service report for one period, read on one snapshot by the caller. */
export async function serviceReport(sql: Sql, p: ReportPeriod, rules: SlaRules, now = new Date()): Promise<ServiceReport> {
  const created = await createdTickets(sql, p);
  const outcomes = await resolvedOutcomes(sql, p, rules);
  const surveys = await sql.query<{ score: number | null }>('SELECT score FROM csat_surveys WHERE sent_at >= $1 AND sent_at < $2', [
    p.start,
    p.end,
  ]);
  const paid = await sql.query<CompensationRow>(
    `SELECT ${COMPENSATION_COLUMNS} FROM compensations WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id`,
    [p.start, p.end],
  );
  const met = outcomes.filter((o) => o.slaMet).length;
  return {
    period: {
      label: p.label,
      from: p.from,
      to: p.to,
      start: p.start.toISOString(),
      end: p.end.toISOString(),
      timeZone: 'Asia/Shanghai',
    },
    generatedAt: now.toISOString(),
    volume: volume(created, p.days),
    times: { firstResponse: firstResponseTimes(created), resolution: percentiles(outcomes.map((o) => o.resolutionMs)) },
    sla: {
      overall: attainment('overall', { met, breached: outcomes.length - met }),
      byPolicy: attainmentBy(outcomes, (o) => o.policyId, rules.sla.policies.map((pol) => pol.id)),
      byPriority: attainmentBy(outcomes, (o) => o.priority, PRIORITIES),
    },
    firstContactResolution: firstContactResolution(outcomes),
    csat: csat(surveys.rows),
    repeatContacts: repeatContacts(created),
    compensation: compensation(paid.rows.map(compensationFromRow)),
  };
}
