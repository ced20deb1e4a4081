import type { AgentStatus, AgentWorkload, Conversation, ConversationSla } from '../../../../protocol';
import { nextDue } from '../inbox/sla';

// The supervisor board's figures, computed from conversations the workstation already
// holds (a supervisor syncs the whole workspace) and the server's workload snapshot.
// Plain functions of their inputs and `now`, so the board and the tests agree.

export type SlaStanding = 'breached' | 'at_risk';

/**
 * Where a ticket stands against its SLA right now. The server's clock sets warning and
 * breach on its sweep; a due time already past counts as breached before the sweep says so.
 */
export function slaStanding(sla: ConversationSla | null | undefined, now: number): SlaStanding | null {
  if (!sla || sla.state === 'met' || sla.state === 'paused') return null;
  if (sla.state === 'breached') return 'breached';
  const due = nextDue(sla);
  if (due && due.dueAt <= now) return 'breached';
  return sla.state === 'warning' ? 'at_risk' : null;
}

export interface Depth {
  /** Channel, team id or category; '' for tickets without a team or category. */
  key: string;
  /** Unresolved tickets. */
  open: number;
  /** Of those, waiting in the queue for an agent. */
  unassigned: number;
  atRisk: number;
  breached: number;
}

type Ticket = Pick<Conversation, 'status' | 'assigneeId' | 'sla'>;

const emptyDepth = (key: string): Depth => ({ key, open: 0, unassigned: 0, atRisk: 0, breached: 0 });

function add(depth: Depth, t: Ticket, now: number): void {
  depth.open++;
  if (t.assigneeId === null) depth.unassigned++;
  const standing = slaStanding(t.sla, now);
  if (standing === 'breached') depth.breached++;
  else if (standing === 'at_risk') depth.atRisk++;
}

/**
 * Queue depth of unresolved tickets grouped by `keyOf`. Every key in `always` gets a row
 * even when empty (a quiet channel is news too); rows come in that order, then the
 * remaining keys deepest first.
 */
export function depthBy<T extends Ticket>(tickets: readonly T[], keyOf: (t: T) => string, now: number, always: readonly string[] = []): Depth[] {
  const groups = new Map<string, Depth>(always.map((k) => [k, emptyDepth(k)]));
  for (const t of tickets) {
    if (t.status === 'resolved') continue;
    const key = keyOf(t);
    let depth = groups.get(key);
    if (!depth) groups.set(key, (depth = emptyDepth(key)));
    add(depth, t, now);
  }
  const fixed = always.map((k) => groups.get(k)!);
  const rest = [...groups.values()].filter((d) => !always.includes(d.key)).sort((a, b) => b.open - a.open || a.key.localeCompare(b.key));
  return [...fixed, ...rest];
}

/** The whole workspace's unresolved tickets as one depth row. */
export function totalDepth(tickets: readonly Ticket[], now: number): Depth {
  return depthBy(tickets, () => '', now, [''])[0]!;
}

export interface RiskyTicket<T> {
  ticket: T;
  standing: SlaStanding;
  /** The running clock due first (epoch ms); null when the server marked it without a due time. */
  dueAt: number | null;
}

/** Unresolved tickets at risk of or past breach: breached first, then the soonest due. */
export function ticketsAtRisk<T extends Ticket>(tickets: readonly T[], now: number): Array<RiskyTicket<T>> {
  const out: Array<RiskyTicket<T>> = [];
  for (const ticket of tickets) {
    if (ticket.status === 'resolved') continue;
    const standing = slaStanding(ticket.sla, now);
    if (!standing) continue;
    out.push({ ticket, standing, dueAt: ticket.sla ? (nextDue(ticket.sla)?.dueAt ?? null) : null });
  }
  const rank = (r: RiskyTicket<T>) => (r.standing === 'breached' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
}

export type LoadLevel = 'free' | 'busy' | 'full' | 'over';

/** How an agent's open tickets compare with their capacity; "busy" from three quarters up. */
export function loadLevel(openLoad: number, capacity: number): LoadLevel {
  if (openLoad > capacity) return 'over';
  if (openLoad === capacity) return 'full';
  return openLoad >= capacity * 0.75 ? 'busy' : 'free';
}

const STATUS_RANK: Record<AgentStatus, number> = { online: 0, away: 1, offline: 2 };

/**
 * Agents in the order a supervisor picks one to take a ticket: front-line members of the
 * ticket's team first (supervisors after them), then present before absent, then the
 * most free capacity.
 */
export function reassignOrder(agents: readonly AgentWorkload[], teamId: string | null): AgentWorkload[] {
  const inTeam = (a: AgentWorkload) => (teamId !== null && a.teamIds.includes(teamId) ? 0 : 2) + (a.role === 'agent' ? 0 : 1);
  const free = (a: AgentWorkload) => a.capacity - a.openLoad;
  return [...agents].sort(
    (a, b) => inTeam(a) - inTeam(b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || free(b) - free(a) || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** A capacity typed or stepped by the supervisor, as the server accepts it (0–100 whole tickets). */
export function clampCapacity(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(100, Math.round(value)));
}
