import type { AgentWorkload } from '../../../protocol/supervision';
import type { Sql } from '../db/db';

interface WorkloadRow {
  id: string;
  name: string;
  login: string;
  role: AgentWorkload['role'];
  team_ids: string[];
  status: AgentWorkload['status'];
  capacity: number;
  open_load: number;
  waiting_load: number;
  oldest_id: string | null;
  oldest_subject: string | null;
  oldest_since: Date | string | null;
}

// A ticket waits on its agent while it is new or open and holds a customer message newer
// than the agent's last reply; it has waited since the first such message.
// Admins are left out: they configure the workspace and do not take tickets.
const WORKLOAD_SQL = `
WITH held AS (
  SELECT c.id, c.assignee_id, c.subject, c.status FROM conversations c
   WHERE c.assignee_id IS NOT NULL AND c.status <> 'resolved' AND c.deleted_at IS NULL
),
waiting AS (
  SELECT h.id, h.assignee_id, h.subject,
    (SELECT min(m.created_at) FROM messages m
      WHERE m.conversation_id = h.id AND m.kind = 'customer' AND m.deleted_at IS NULL
        AND m.created_at > COALESCE(
          (SELECT max(r.created_at) FROM messages r WHERE r.conversation_id = h.id AND r.kind = 'agent' AND r.deleted_at IS NULL),
          '-infinity'::timestamptz)) AS since
    FROM held h WHERE h.status IN ('new', 'open')
),
loads AS (
  SELECT assignee_id, count(*)::int AS open_load FROM held GROUP BY assignee_id
),
waits AS (
  SELECT assignee_id, count(*)::int AS waiting_load FROM waiting WHERE since IS NOT NULL GROUP BY assignee_id
)
SELECT a.id, a.name, a.login, a.role, a.team_ids, a.status, a.capacity,
       COALESCE(l.open_load, 0) AS open_load, COALESCE(w.waiting_load, 0) AS waiting_load,
       o.id AS oldest_id, o.subject AS oldest_subject, o.since AS oldest_since
  FROM agents a
  LEFT JOIN loads l ON l.assignee_id = a.id
  LEFT JOIN waits w ON w.assignee_id = a.id
  LEFT JOIN LATERAL (
    SELECT wt.id, wt.subject, wt.since FROM waiting wt
     WHERE wt.assignee_id = a.id AND wt.since IS NOT NULL ORDER BY wt.since, wt.id LIMIT 1
  ) o ON true
 WHERE a.deleted_at IS NULL AND a.role <> 'admin'
 ORDER BY a.role = 'supervisor', a.name, a.id`;

/** Every ticket-taking agent's status, capacity, load and longest-waiting customer. */
export async function loadWorkloads(sql: Sql): Promise<AgentWorkload[]> {
  const { rows } = await sql.query<WorkloadRow>(WORKLOAD_SQL);
  return rows.map((r) => ({
    agentId: r.id,
    name: r.name,
    login: r.login,
    role: r.role,
    teamIds: r.team_ids,
    status: r.status,
    capacity: r.capacity,
    openLoad: r.open_load,
    waitingLoad: r.waiting_load,
    oldestWaiting:
      r.oldest_id === null || r.oldest_since === null
        ? null
        : { conversationId: r.oldest_id, subject: r.oldest_subject ?? '', since: new Date(r.oldest_since).toISOString() },
  }));
}
