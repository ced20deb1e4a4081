import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { KadeskDb } from './db';

const NAME = 'db-upgrade-test';

afterEach(async () => {
  await Dexie.delete(NAME);
});

it('upgrades a version 1 cache: index keys filled in, search index rebuilt', async () => {
  const v1 = new Dexie(NAME);
  v1.version(1).stores({
    conversations: 'id, [status+lastMessageAt], [active+lastMessageAt], [active+assigneeKey+lastMessageAt], [customerId+lastMessageAt]',
  });
  await v1.table('conversations').put({
    id: 'c1',
    status: 'open',
    teamId: 'team-a',
    category: null,
    assigneeId: null,
    active: 1,
    assigneeKey: '',
    lastMessageAt: '2026-11-01T08:00:00.000Z',
  });
  v1.close();

  const db = new KadeskDb(NAME);
  const row = await db.conversations.get('c1');
  expect(row).toMatchObject({ active: 1, teamKey: 'team-a', categoryKey: '', assigneeKey: '', slaRisk: 0 });
  expect(await db.conversations.where('[active+teamKey+lastMessageAt]').between([1, 'team-a', ''], [1, 'team-a', '~']).count()).toBe(1);
  expect(await db.searchQueue.toArray()).toEqual([{ seq: 1, kind: 'rebuild', after: '' }]);
  db.close();
});
