import { describe, expect, it } from 'vitest';
import type { AssignCandidate } from './assign';
import { distribute } from './queue';

const agent = (id: string, over: Partial<AssignCandidate> = {}): AssignCandidate => ({
  id,
  teamIds: ['t1'],
  status: 'online',
  capacity: 2,
  openLoad: 0,
  lastAssignedAt: null,
  ...over,
});
const tickets = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, teamId: 't1' }));

describe('distribute', () => {
  it('fills free capacity in turn and leaves the rest queued', () => {
    const out = distribute(tickets(5), [agent('a'), agent('b', { openLoad: 1 })], { strategy: 'least_loaded', allowAway: false }, 1000);
    expect(out).toEqual([
      { ticketId: 'c0', agentId: 'a' },
      // Equal load now: b has waited longer for a ticket.
      { ticketId: 'c1', agentId: 'b' },
      { ticketId: 'c2', agentId: 'a' },
    ]);
  });

  it('rotates round-robin through agents who just got one', () => {
    const out = distribute(tickets(3), [agent('a', { capacity: 5 }), agent('b', { capacity: 5, lastAssignedAt: 10 })], { strategy: 'round_robin', allowAway: false }, 1000);
    expect(out.map((o) => o.agentId)).toEqual(['a', 'b', 'a']);
  });

  it('keeps teams apart and skips agents who are away or offline', () => {
    const pool = [agent('a', { status: 'away' }), agent('b', { teamIds: ['t2'] }), agent('c', { status: 'offline' })];
    const queued = [
      { id: 'x', teamId: 't1' },
      { id: 'y', teamId: 't2' },
    ];
    expect(distribute(queued, pool, { strategy: 'least_loaded', allowAway: false }, 1000)).toEqual([{ ticketId: 'y', agentId: 'b' }]);
  });

  it('does not change the candidates it was given', () => {
    const pool = [agent('a')];
    distribute(tickets(2), pool, { strategy: 'least_loaded', allowAway: false }, 1000);
    expect(pool[0]).toEqual(agent('a'));
  });
});
