import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChecklistTick } from '../../../../protocol';
import { ApiClient } from '../../data/api-client';
import { KadeskDb } from '../../data/db';
import { mergeServerTicks, pushTicks, refreshKnowledge, tickItem } from './sync';

const opened: KadeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function openDb(): KadeskDb {
  const db = new KadeskDb(`knowledge-sync-${Math.random()}`);
  opened.push(db);
  return db;
}

type Handler = (method: string, path: string, body: unknown) => Response | 'down';

/** An API client whose server is a function; 'down' is a refused connection. */
function apiWith(handler: Handler): { api: ApiClient; calls: Array<{ method: string; path: string; body: unknown }> } {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const api = new ApiClient({
    serverUrl: 'http://kadesk.test',
    getToken: async () => 'token',
    fetch: async (input, init) => {
      const path = String(input).replace('http://kadesk.test', '');
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method: init?.method ?? 'GET', path, body });
      const res = handler(init?.method ?? 'GET', path, body);
      if (res === 'down') throw new TypeError('connection refused');
      return res;
    },
  });
  return { api, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s));

/** A server that keeps the latest tick per step, like the real one. */
function latestWinsServer() {
  const stored = new Map<string, ChecklistTick>();
  return (method: string, _path: string, body: unknown) => {
    if (method === 'PUT') {
      for (const t of (body as { ticks: ChecklistTick[] }).ticks) {
        const seen = stored.get(t.itemId);
        if (!seen || seen.at < t.at) stored.set(t.itemId, t);
      }
    }
    return json(200, { ticks: [...stored.values()].map((t) => ({ ...t, agentId: 'a1' })) });
  };
}

describe('checklist tick sync', () => {
  it('keeps ticks made offline pending and sends them once the server answers', async () => {
    const db = openDb();
    await tickItem(db, 'c1', 'order', true, at(1));
    await tickItem(db, 'c1', 'channel', true, at(2));
    await tickItem(db, 'c2', 'order', true, at(3));

    const down = apiWith(() => 'down');
    expect(await pushTicks(db, down.api)).toBe(false);
    expect(await db.checklistTicks.where('pending').equals(1).count()).toBe(3);

    const server = latestWinsServer();
    const up = apiWith(server);
    expect(await pushTicks(db, up.api)).toBe(true);
    expect(up.calls.map((c) => [c.method, c.path, (c.body as { ticks: unknown[] }).ticks.length])).toEqual([
      ['PUT', '/api/conversations/c1/checklist', 2],
      ['PUT', '/api/conversations/c2/checklist', 1],
    ]);
    expect(await db.checklistTicks.where('pending').equals(1).count()).toBe(0);
    // Nothing left to send: no request.
    await pushTicks(db, up.api);
    expect(up.calls).toHaveLength(2);
  });

  it('stops retrying a tick the server refuses for good, keeping it on this workstation', async () => {
    const db = openDb();
    await tickItem(db, 'gone', 'order', true, at(1));
    const { api } = apiWith(() => json(404, { error: { code: 'not_found', message: '会话不存在或不在你的范围内' } }));
    expect(await pushTicks(db, api)).toBe(true);
    expect(await db.checklistTicks.get(['gone', 'order'])).toMatchObject({ checked: true, pending: 0 });
  });

  it('lets a newer local tick that is not sent yet win over the server copy', async () => {
    const db = openDb();
    await tickItem(db, 'c1', 'order', false, at(9));
    await mergeServerTicks(db, 'c1', [
      { itemId: 'order', checked: true, at: at(5).toISOString() },
      { itemId: 'eta', checked: true, at: at(5).toISOString() },
    ]);
    expect(await db.checklistTicks.get(['c1', 'order'])).toMatchObject({ checked: false, pending: 1 });
    expect(await db.checklistTicks.get(['c1', 'eta'])).toMatchObject({ checked: true, pending: 0 });
  });

  it('replaces the cached knowledge set with the server’s', async () => {
    const db = openDb();
    await db.articles.put({ id: 'old', title: '旧文章', body: '', categories: [], keywords: [], audience: 'agent', updatedAt: at(0).toISOString() });
    const sop = {
      category: 'how_to',
      answerTemplate: '您好',
      checklist: [{ id: 'q', text: '确认问题' }],
      escalation: { team: 'senior', condition: '仍无法完成', action: '转资深客服' },
      updatedAt: at(1).toISOString(),
    };
    const article = { id: 'new', title: '如何提现', body: '…', categories: ['how_to'], keywords: ['提现'], audience: 'customer', updatedAt: at(1).toISOString() };
    const { api } = apiWith(() => json(200, { sops: [sop], articles: [article] }));
    await refreshKnowledge(db, api);
    expect(await db.sops.toArray()).toEqual([sop]);
    expect((await db.articles.toArray()).map((a) => a.id)).toEqual(['new']);
  });
});
