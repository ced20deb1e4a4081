import { describe, expect, it } from 'vitest';
import { TYPING_TTL_MS } from '../../../protocol/realtime';
import { PresenceBoard } from './presence';

describe('presence board', () => {
  it('tracks who views a conversation and reports both sides of a move', () => {
    const b = new PresenceBoard();
    expect(b.apply({ agentId: 'a1', name: '演示客服01', conversationId: 'c1', typing: false, at: 0 })).toEqual(['c1']);
    b.apply({ agentId: 'a2', name: '演示客服02', conversationId: 'c1', typing: false, at: 0 });
    expect(b.viewers('c1', 0).map((v) => v.agentId)).toEqual(['a1', 'a2']);
    expect(b.apply({ agentId: 'a1', name: '演示客服01', conversationId: 'c2', typing: false, at: 1 }).sort()).toEqual(['c1', 'c2']);
    expect(b.viewers('c1', 1).map((v) => v.agentId)).toEqual(['a2']);
  });

  it('shows typing until it expires and forgets agents who leave', () => {
    const b = new PresenceBoard();
    b.apply({ agentId: 'a1', name: 'x', conversationId: 'c1', typing: true, at: 1000 });
    expect(b.viewers('c1', 1000 + TYPING_TTL_MS - 1)[0]?.typing).toBe(true);
    expect(b.viewers('c1', 1000 + TYPING_TTL_MS + 1)[0]?.typing).toBe(false);
    expect(b.apply({ agentId: 'a1', name: 'x', conversationId: null, typing: false, at: 2000 })).toEqual(['c1']);
    expect(b.viewers('c1', 2000)).toEqual([]);
  });
});
