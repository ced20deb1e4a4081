import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { Conversation } from '../../../protocol/entities';
import type { PullResponse, PushResponse } from '../../../protocol/sync';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld } from '../casework/testing';

// The sync mutations macros brought: priority and tags, queued offline like the others.
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

  it('carries tags on the synced conversation row and takes one off, each change a new version', async () => {
    const { conversationId } = await w.addCase();
    // The row as a workstation pulls it; its latest version is the one found last.
    const row = async () => {
      let found: Conversation | undefined;
      for (let cursor = 0; ; ) {
        const page = (await w.call<PullResponse>(w.tokens.agent, 'POST', '/api/sync/pull', { cursor, limit: 1000 })).body;
        for (const c of page.changes) if (c.table === 'conversations' && c.row.id === conversationId) found = c.row;
        if (!page.hasMore) return found!;
        cursor = page.cursor;
      }
    };
    const mutation = (name: 'conversation.tag' | 'conversation.untag', tag: string) => ({ id: newId(), name, args: { conversationId, tag } });
    await push(w.tokens.agent, [mutation('conversation.tag', '通道拥堵'), mutation('conversation.tag', '待回访')]);
    const tagged = await row();
    expect(tagged.tags).toEqual(['通道拥堵', '待回访']);

    // Taking off a tag the ticket does not have changes nothing, not even the version.
    await push(w.tokens.agent, [mutation('conversation.untag', '不存在')]);
    expect((await row()).version).toBe(tagged.version);
    const res = await push(w.tokens.agent, [mutation('conversation.untag', '通道拥堵')]);
    expect(res.body.results[0]?.status).toBe('applied');
    const untagged = await row();
    expect(untagged.tags).toEqual(['待回访']);
    expect(untagged.version).toBeGreaterThan(tagged.version);
    const { rows } = await w.s.db.query<{ tag: string }>('SELECT tag FROM conversation_tags WHERE conversation_id = $1', [conversationId]);
    expect(rows.map((r) => r.tag)).toEqual(['待回访']);
    const events = (await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'ticket.untagged');
    expect(events.map((e) => e.data)).toEqual([{ tag: '通道拥堵' }]);
  });
});
