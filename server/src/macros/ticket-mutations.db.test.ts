import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { PushResponse } from '../../../protocol/sync';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld } from '../casework/testing';

// The two sync mutations macros brought: priority and tags, queued offline like the others.
describe('priority and tag mutations', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const push = (token: string, mutations: unknown[]) =>
    w.call<PushResponse>(token, 'POST', '/api/sync/push', { clientId: 'macro-test', mutations });

  it('sets the priority once, audited, and ignores a repeat', async () => {
    const { conversationId } = await w.addCase();
    const setUrgent = { id: newId(), name: 'conversation.setPriority', args: { conversationId, priority: 'urgent' } };
    const res = await push(w.tokens.agent, [setUrgent, { ...setUrgent, id: newId() }]);
    expect(res.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const { rows } = await w.s.db.query<{ priority: string }>('SELECT priority FROM conversations WHERE id = $1', [conversationId]);
    expect(rows[0]!.priority).toBe('urgent');
    const events = (await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'priority.changed');
    expect(events.map((e) => e.data)).toEqual([{ from: 'normal', to: 'urgent' }]);
  });

  it('tags a ticket once per tag, and refuses agents outside the ticket scope', async () => {
    const { conversationId } = await w.addCase();
    const tag = (t: string) => ({ id: newId(), name: 'conversation.tag', args: { conversationId, tag: t } });
    const res = await push(w.tokens.agent, [tag('通道拥堵'), tag('通道拥堵'), tag('已补偿')]);
    expect(res.body.results.every((r) => r.status === 'applied')).toBe(true);
    const { rows } = await w.s.db.query<{ tag: string }>('SELECT tag FROM conversation_tags WHERE conversation_id = $1 ORDER BY tag', [conversationId]);
    expect(rows.map((r) => r.tag).sort()).toEqual(['已补偿', '通道拥堵'].sort());
    expect((await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'ticket.tagged')).toHaveLength(2);

    const outsider = await push(w.tokens.outsider, [tag('越权')]);
    expect(outsider.body.results[0]).toMatchObject({ status: 'rejected', code: 'not_found' });
    const empty = await push(w.tokens.agent, [{ id: newId(), name: 'conversation.tag', args: { conversationId, tag: '  ' } }]);
    expect(empty.status).toBe(400);
  });
});
