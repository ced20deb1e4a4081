import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGENT_STATUSES } from '../../../protocol/entities';
import { type AssignCandidate, ASSIGN_STRATEGIES, chooseAgent, isEligible, type TeamAssignment } from './assign';

const TEAM = 't1';

const agent = (id: string, over: Partial<AssignCandidate> = {}): AssignCandidate => ({
  id,
  teamIds: [TEAM],
  status: 'online',
  capacity: 5,
  openLoad: 0,
  lastAssignedAt: null,
  ...over,
});

const arbAgents = fc.uniqueArray(
  fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    teamIds: fc.subarray([TEAM, 't2']),
    status: fc.constantFrom(...AGENT_STATUSES),
    capacity: fc.nat(6),
    openLoad: fc.nat(8),
    lastAssignedAt: fc.option(fc.nat(1_000_000)),
  }),
  { selector: (a) => a.id, maxLength: 8 },
);

const arbPolicy = fc.record({ strategy: fc.constantFrom(...ASSIGN_STRATEGIES), allowAway: fc.boolean() });

/** Assigns `tickets` tickets one by one, as the pipeline would, and returns who got each. */
function simulate(agents: AssignCandidate[], policy: TeamAssignment, tickets: number, startAt = 1_000): (string | null)[] {
  const pool = agents.map((a) => ({ ...a }));
  return Array.from({ length: tickets }, (_, i) => {
    const chosen = chooseAgent(pool, TEAM, policy);
    if (!chosen) return null;
    const a = pool.find((x) => x.id === chosen.id)!;
    a.openLoad += 1;
    a.lastAssignedAt = startAt + i;
    expect(a.openLoad).toBeLessThanOrEqual(a.capacity);
    return a.id;
  });
}

describe('assignment by capacity', () => {
  it('picks only present team members with free capacity, or null', () => {
    fc.assert(
      fc.property(arbAgents, arbPolicy, (agents, policy) => {
        const chosen = chooseAgent(agents, TEAM, policy);
        const eligible = agents.filter((a) => isEligible(a, TEAM, policy));
        expect(chosen === null).toBe(eligible.length === 0);
        if (!chosen) return;
        expect(chosen.status).not.toBe('offline');
        if (!policy.allowAway) expect(chosen.status).toBe('online');
        expect(chosen.teamIds).toContain(TEAM);
        expect(chosen.openLoad).toBeLessThan(chosen.capacity);
      }),
    );
  });

  it('never fills anyone beyond capacity however many tickets arrive', () => {
    fc.assert(
      fc.property(arbAgents, arbPolicy, fc.nat(60), (agents, policy, tickets) => {
        const got = simulate(agents, policy, tickets);
        const free = agents
          .filter((a) => isEligible(a, TEAM, policy))
          .reduce((sum, a) => sum + a.capacity - a.openLoad, 0);
        // Exactly the free seats get filled, then tickets queue.
        expect(got.filter((g) => g !== null)).toHaveLength(Math.min(tickets, free));
      }),
    );
  });

  it('least-loaded picks an agent with the minimum load among those eligible', () => {
    fc.assert(
      fc.property(arbAgents, fc.boolean(), (agents, allowAway) => {
        const policy: TeamAssignment = { strategy: 'least_loaded', allowAway };
        const chosen = chooseAgent(agents, TEAM, policy);
        const loads = agents.filter((a) => isEligible(a, TEAM, policy)).map((a) => a.openLoad);
        if (chosen) expect(chosen.openLoad).toBe(Math.min(...loads));
      }),
    );
  });

  it('round-robin is fair over time: counts never differ by more than one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.option(fc.nat(500)), { minLength: 6, maxLength: 6 }),
        fc.nat(40),
        (ids, history, tickets) => {
          // Whatever happened before (lastAssignedAt values are all in the past), from now on
          // every agent gets one ticket per round.
          const agents = ids.map((id, i) => agent(id, { capacity: 100, lastAssignedAt: history[i] ?? null }));
          const got = simulate(agents, { strategy: 'round_robin', allowAway: false }, tickets);
          const counts = ids.map((id) => got.filter((g) => g === id).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('round-robin hands the next ticket to whoever waited longest, never-assigned first', () => {
    const rr: TeamAssignment = { strategy: 'round_robin', allowAway: false };
    const team = [agent('b', { lastAssignedAt: 50 }), agent('a', { lastAssignedAt: 10 }), agent('c', { lastAssignedAt: null })];
    expect(chooseAgent(team, TEAM, rr)?.id).toBe('c');
    expect(simulate(team, rr, 4)).toEqual(['c', 'a', 'b', 'c']);
  });

  it('least-loaded breaks load ties by who waited longest, then by id', () => {
    const ll: TeamAssignment = { strategy: 'least_loaded', allowAway: false };
    expect(chooseAgent([agent('b', { openLoad: 1 }), agent('a', { openLoad: 1 })], TEAM, ll)?.id).toBe('a');
    expect(
      chooseAgent([agent('a', { openLoad: 1, lastAssignedAt: 9 }), agent('b', { openLoad: 1, lastAssignedAt: 3 })], TEAM, ll)?.id,
    ).toBe('b');
    expect(chooseAgent([agent('a', { openLoad: 2 }), agent('b', { openLoad: 1, lastAssignedAt: 99 })], TEAM, ll)?.id).toBe('b');
  });

  it('uses away agents only when the team allows it, and offline agents never', () => {
    const team = [agent('away', { status: 'away' }), agent('off', { status: 'offline' })];
    expect(chooseAgent(team, TEAM, { strategy: 'least_loaded', allowAway: false })).toBeNull();
    expect(chooseAgent(team, TEAM, { strategy: 'least_loaded', allowAway: true })?.id).toBe('away');
  });

  it('leaves the ticket queued when the team is full or has no members', () => {
    const rr: TeamAssignment = { strategy: 'round_robin', allowAway: true };
    expect(chooseAgent([agent('a', { openLoad: 5 }), agent('z', { capacity: 0 })], TEAM, rr)).toBeNull();
    expect(chooseAgent([agent('a', { teamIds: ['t2'] })], TEAM, rr)).toBeNull();
    expect(chooseAgent([], TEAM, rr)).toBeNull();
  });
});
