import { describe, expect, it } from 'vitest';
import type { AgentWorkload, Conversation, ConversationSla } from '../../../../protocol';
import { clampCapacity, depthBy, loadLevel, reassignOrder, slaStanding, ticketsAtRisk, totalDepth } from './aggregate';

const NOW = Date.parse('2026-11-23T08:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

const sla = (state: ConversationSla['state'], firstResponseInMs: number | null = null): ConversationSla => ({
  state,
  firstResponseDueAt: firstResponseInMs === null ? null : at(firstResponseInMs),
  nextResponseDueAt: null,
  resolutionDueAt: null,
});

type T = Pick<Conversation, 'id' | 'channel' | 'teamId' | 'category' | 'status' | 'assigneeId' | 'sla'>;
let n = 0;
const ticket = (patch: Partial<T> = {}): T => ({
  id: `c${++n}`,
  channel: 'webchat',
  teamId: 'team-a',
  category: 'delivery_delayed',
  status: 'new',
  assigneeId: 'agent-1',
  sla: null,
  ...patch,
});

describe('SLA standing', () => {
  it('follows the server state and catches a due time already past', () => {
    expect(slaStanding(null, NOW)).toBeNull();
    expect(slaStanding(sla('ok', 60_000), NOW)).toBeNull();
    expect(slaStanding(sla('warning', 10_000), NOW)).toBe('at_risk');
    expect(slaStanding(sla('breached'), NOW)).toBe('breached');
    // The sweep has not run since the clock ran out.
    expect(slaStanding(sla('ok', -1), NOW)).toBe('breached');
    expect(slaStanding(sla('warning', 0), NOW)).toBe('breached');
    // Stopped clocks are no risk whatever their stale due times say.
    expect(slaStanding(sla('paused', -60_000), NOW)).toBeNull();
    expect(slaStanding(sla('met', -60_000), NOW)).toBeNull();
  });
});

describe('queue depth', () => {
  const tickets = [
    ticket({ channel: 'webchat', assigneeId: null, sla: sla('warning', 5_000) }),
    ticket({ channel: 'webchat', sla: sla('breached') }),
    ticket({ channel: 'email', teamId: null, category: null }),
    ticket({ channel: 'qq', teamId: 'team-b', status: 'waiting_customer', sla: sla('paused') }),
    ticket({ channel: 'webchat', status: 'resolved', assigneeId: null, sla: sla('breached') }),
  ];

  it('groups unresolved tickets with their unassigned, at-risk and breached counts', () => {
    const byChannel = depthBy(tickets, (t) => t.channel, NOW, ['webchat', 'wecom', 'qq', 'email']);
    expect(byChannel).toEqual([
      { key: 'webchat', open: 2, unassigned: 1, atRisk: 1, breached: 1 },
      { key: 'wecom', open: 0, unassigned: 0, atRisk: 0, breached: 0 },
      { key: 'qq', open: 1, unassigned: 0, atRisk: 0, breached: 0 },
      { key: 'email', open: 1, unassigned: 0, atRisk: 0, breached: 0 },
    ]);
  });

  it('adds keys outside the fixed list deepest first, with "" for tickets without one', () => {
    const byTeam = depthBy(tickets, (t) => t.teamId ?? '', NOW, ['team-b']);
    expect(byTeam.map((d) => [d.key, d.open])).toEqual([
      ['team-b', 1],
      ['team-a', 2],
      ['', 1],
    ]);
    expect(depthBy(tickets, (t) => t.category ?? '', NOW).map((d) => d.key)).toEqual(['delivery_delayed', '']);
  });

  it('totals the workspace', () => {
    expect(totalDepth(tickets, NOW)).toEqual({ key: '', open: 4, unassigned: 1, atRisk: 1, breached: 1 });
    // A minute later the warning ticket's first response is overdue.
    expect(totalDepth(tickets, NOW + 60_000)).toMatchObject({ atRisk: 0, breached: 2 });
  });
});

describe('tickets at risk', () => {
  it('lists breached tickets first, then the soonest due, leaving resolved and safe ones out', () => {
    const late = ticket({ sla: sla('warning', 90_000) });
    const soon = ticket({ sla: sla('warning', 20_000) });
    const gone = ticket({ sla: sla('breached') });
    const overdue = ticket({ sla: sla('ok', -5_000) });
    const list = ticketsAtRisk([late, ticket({ sla: sla('ok', 600_000) }), soon, gone, overdue, ticket({ status: 'resolved', sla: sla('breached') })], NOW);
    expect(list.map((r) => [r.ticket.id, r.standing])).toEqual([
      [overdue.id, 'breached'],
      [gone.id, 'breached'],
      [soon.id, 'at_risk'],
      [late.id, 'at_risk'],
    ]);
    expect(list[0]!.dueAt).toBe(NOW - 5_000);
    expect(list[1]!.dueAt).toBeNull();
  });
});

describe('agents', () => {
  it('rates load against capacity', () => {
    expect(loadLevel(0, 8)).toBe('free');
    expect(loadLevel(5, 8)).toBe('free');
    expect(loadLevel(6, 8)).toBe('busy');
    expect(loadLevel(8, 8)).toBe('full');
    expect(loadLevel(9, 8)).toBe('over');
    expect(loadLevel(0, 0)).toBe('full');
  });

  const agent = (patch: Partial<AgentWorkload>): AgentWorkload => ({
    agentId: 'x',
    name: 'x',
    login: 'x',
    role: 'agent',
    teamIds: ['team-a'],
    status: 'online',
    capacity: 8,
    openLoad: 0,
    waitingLoad: 0,
    oldestWaiting: null,
    ...patch,
  });

  it('offers the ticket team, present agents and free capacity first', () => {
    const agents = [
      agent({ agentId: 'lead', role: 'supervisor', teamIds: ['team-a', 'team-b'] }),
      agent({ agentId: 'other-team', teamIds: ['team-b'] }),
      agent({ agentId: 'away', status: 'away' }),
      agent({ agentId: 'busy', openLoad: 7 }),
      agent({ agentId: 'free', openLoad: 1 }),
      agent({ agentId: 'offline', status: 'offline' }),
    ];
    expect(reassignOrder(agents, 'team-a').map((a) => a.agentId)).toEqual(['free', 'busy', 'away', 'offline', 'lead', 'other-team']);
    // Without a team, presence and room decide among the front line.
    expect(reassignOrder(agents, null).map((a) => a.agentId)).toEqual(['other-team', 'free', 'busy', 'away', 'offline', 'lead']);
  });

  it('keeps capacity within what the server accepts', () => {
    expect(clampCapacity(-1)).toBe(0);
    expect(clampCapacity(3.6)).toBe(4);
    expect(clampCapacity(250)).toBe(100);
    expect(clampCapacity(Number.NaN)).toBe(0);
  });
});
