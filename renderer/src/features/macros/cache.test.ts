import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import type { FetchedSet, Macro } from '../../../../protocol';
import { KadeskDb, type SyncStatus } from '../../data';
import { keepMacrosFresh, refreshMacros } from './cache';

const NAME = 'macro-cache-test';
afterEach(() => Dexie.delete(NAME));

const macro = (id: string): Macro => ({
  id,
  scope: 'shared',
  ownerId: null,
  name: id,
  description: '',
  category: null,
  actions: [{ type: 'survey' }],
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
});

function fakeApi(lists: Macro[][]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    get: (async () => {
      const list = lists[Math.min(calls++, lists.length - 1)];
      if (!list) throw new TypeError('fetch failed');
      return { macros: list };
    }) as never,
  };
}

it('replaces the cache with the server list, so deleted macros disappear', async () => {
  const db = new KadeskDb(NAME);
  const api = fakeApi([[macro('a'), macro('b')], [macro('b'), macro('c')]]);
  await refreshMacros(db, api);
  await refreshMacros(db, api);
  expect((await db.macros.toArray()).map((m) => m.id).sort()).toEqual(['b', 'c']);
  db.close();
});

it('refreshes on start, on each return online and when the server says macros changed, keeping the cache when a refresh fails', async () => {
  const db = new KadeskDb(NAME);
  await db.macros.put(macro('cached'));
  const listeners = new Set<(s: SyncStatus) => void>();
  const status = (online: boolean): SyncStatus => ({ online, syncing: false, pulled: 0, lastError: null, lastSyncedAt: null });
  const changes = new Set<(what: FetchedSet) => void>();
  const engine = {
    getStatus: () => status(false),
    subscribe: (l: (s: SyncStatus) => void) => (listeners.add(l), () => listeners.delete(l)),
    onServerChange: (l: (what: FetchedSet) => void) => (changes.add(l), () => changes.delete(l)),
  };
  const lists: Macro[][] = [];
  let fail = true;
  const api = {
    get: (async () => {
      if (fail) throw new TypeError('fetch failed');
      return { macros: lists.shift() ?? [] };
    }) as never,
  };
  const stop = keepMacrosFresh(db, api, engine);
  await new Promise((r) => setTimeout(r, 20));
  expect((await db.macros.toArray()).map((m) => m.id)).toEqual(['cached']);

  fail = false;
  lists.push([macro('fresh')]);
  for (const l of listeners) l(status(true));
  await new Promise((r) => setTimeout(r, 20));
  expect((await db.macros.toArray()).map((m) => m.id)).toEqual(['fresh']);

  // The knowledge base changing is not the macros' business; an admin's macro edit is.
  // (A refresh now would find an empty list and clear the cache.)
  for (const l of changes) l('knowledge');
  await new Promise((r) => setTimeout(r, 20));
  expect((await db.macros.toArray()).map((m) => m.id)).toEqual(['fresh']);
  lists.push([macro('edited')]);
  for (const l of changes) l('macros');
  await new Promise((r) => setTimeout(r, 20));
  expect((await db.macros.toArray()).map((m) => m.id)).toEqual(['edited']);
  stop();
  expect(listeners.size).toBe(0);
  expect(changes.size).toBe(0);
  db.close();
});
