import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyPullPage } from '../apply-pull';
import { KadeskDb } from '../db';
import { SyncEngine } from '../sync-engine';
import { FakeServer } from '../testing/fake-server';
import { SearchIndexer } from './indexer';
import { searchLocal } from './query';

let n = 0;
const opened: KadeskDb[] = [];
const NOW = Date.UTC(2026, 10, 1, 9);

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** A workstation database filled through the real pull path, and its indexer. */
function setup() {
  const db = new KadeskDb(`search-test-${++n}`);
  opened.push(db);
  const server = new FakeServer();
  const engine = new SyncEngine({ db, transport: server, self: server.agent });
  const indexer = new SearchIndexer(db);
  const sync = async () => {
    expect((await engine.pull()).ok).toBe(true);
    await indexer.drain();
  };
  return { db, server, engine, indexer, sync };
}

const found = async (db: KadeskDb, query: string) => (await searchLocal(db, query, { now: NOW })).map((h) => h.conversation.id);

describe('local search', () => {
  it('finds conversations by Chinese words, order numbers and Latin words', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c-story', { subject: '点卡未到账' });
    server.addCustomerMessage('c-story', 'm1', '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001');
    server.addConversation('c-refund', { subject: 'Refund request' });
    server.addCustomerMessage('c-refund', 'm2', 'Please refund my order, the licence key is invalid');
    server.addConversation('c-other', { subject: '充值失败' });
    server.addCustomerMessage('c-other', 'm3', '和平精英充值失败了，扣款成功但游戏里没到');
    await sync();

    expect(await found(db, '王者荣耀')).toEqual(['c-story']);
    expect(await found(db, '点卡')).toEqual(['c-story']);
    expect(await found(db, 'DD202611220001')).toEqual(['c-story']);
    expect(await found(db, 'dd202611220001')).toEqual(['c-story']);
    expect(await found(db, 'REFUND')).toEqual(['c-refund']);
    expect(await found(db, '充值 扣款')).toEqual(['c-other']);
    expect(await found(db, '王者荣耀 扣款')).toEqual([]);
    expect(await found(db, '原神')).toEqual([]);
  });

  it('drops conversations that hold the character pairs but not the text', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c-apart', { subject: '咨询' });
    server.addCustomerMessage('c-apart', 'm1', '王者归来，作者荣誉，荣耀时刻');
    server.addConversation('c-whole', { subject: '咨询' });
    server.addCustomerMessage('c-whole', 'm2', '王者荣耀的皮肤');
    await sync();
    expect(await found(db, '王者荣耀')).toEqual(['c-whole']);
  });

  it('returns the matching message with its hits marked, and the subject', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '王者荣耀点卡' });
    server.addCustomerMessage('c1', 'm1', '你好');
    server.addCustomerMessage('c1', 'm2', '点卡还没到，点卡订单 DD2026');
    await sync();
    const [hit] = await searchLocal(db, '点卡', { now: NOW });
    expect(hit?.messageHits).toBe(1);
    expect(hit?.subjectHit).toBe(true);
    const marked = hit!.snippet!.ranges.map(([s, e]) => hit!.snippet!.text.slice(s, e));
    expect(marked).toEqual(['点卡', '点卡']);
    expect(hit?.subject.ranges).toEqual([[4, 6]]);
  });

  it('ranks recent conversations first', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    for (const id of ['c1', 'c2', 'c3']) server.addConversation(id, { subject: '咨询' });
    server.addCustomerMessage('c2', 'm2', '卡密无效');
    server.addCustomerMessage('c1', 'm1', '卡密无效');
    server.addCustomerMessage('c3', 'm3', '卡密无效');
    await sync();
    expect(await found(db, '卡密')).toEqual(['c3', 'c1', 'c2']);
  });

  it('follows new messages and conversations leaving the cache', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '咨询' });
    server.addConversation('c2', { subject: '咨询' });
    await sync();
    expect(await found(db, '到账')).toEqual([]);

    server.addCustomerMessage('c1', 'm1', '还没到账');
    server.addCustomerMessage('c2', 'm2', '也没到账');
    await sync();
    expect((await found(db, '到账')).sort()).toEqual(['c1', 'c2']);

    server.tombstone('conversations', 'c1');
    await sync();
    expect(await found(db, '到账')).toEqual(['c2']);
    const left = await db.searchDocs.where('conversationId').equals('c1').first();
    expect(left?.gone).toBe(1);

    // Back in scope: the same document number, live again, found by what it holds now.
    server.addConversation('c1', { subject: '又来了' });
    server.addCustomerMessage('c1', 'm3', '还是没到账');
    await sync();
    expect(await found(db, '到账')).toEqual(['c1', 'c2']);
    const back = await db.searchDocs.where('conversationId').equals('c1').first();
    expect(back?.no).toBe(left?.no);
    expect(back?.gone).toBeUndefined();
  });

  it('finds conversations by their tags, and no longer once a tag is taken off', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '咨询', tags: ['待回访'] });
    server.addConversation('c2', { subject: '咨询' });
    await sync();
    expect(await found(db, '待回访')).toEqual(['c1']);
    server.put('conversations', { ...server.get('conversations', 'c1')!, tags: [] });
    await sync();
    expect(await found(db, '待回访')).toEqual([]);
  });

  it('keeps the words of messages indexed before their conversation arrived', async () => {
    const { db, server, indexer } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '充值失败但已扣款' });
    // The message moves the conversation's version past its own, so a paged pull can end between them.
    server.addCustomerMessage('c1', 'm1', '显示充值失败，订单 DD2026112300051，怎么处理？');
    const first = await server.pull({ cursor: 0, limit: 2 });
    expect(first.changes.map((c) => c.table)).toEqual(['customers', 'messages']);
    await applyPullPage(db, first.changes, first.cursor);
    // The indexer runs between the pages, as it does in the workstation while a first sync pages in.
    await indexer.drain();
    expect(await found(db, 'DD2026112300051')).toEqual([]);
    const rest = await server.pull({ cursor: first.cursor, limit: 2 });
    await applyPullPage(db, rest.changes, rest.cursor);
    await indexer.drain();
    expect(await found(db, 'DD2026112300051')).toEqual(['c1']);
    expect(await found(db, '扣款')).toEqual(['c1']);
  });

  it('indexes conversations cached before the index existed', async () => {
    const { db, server, sync, indexer } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '授权激活失败' });
    server.addCustomerMessage('c1', 'm1', 'Windows 激活码提示无效');
    await sync();
    await db.transaction('rw', [db.searchDocs, db.searchSegments], async () => {
      await db.searchDocs.clear();
      await db.searchSegments.clear();
    });
    expect(await found(db, '激活')).toEqual([]);
    await db.searchQueue.add({ kind: 'rebuild', after: '' });
    await indexer.drain();
    expect(await found(db, '激活码')).toEqual(['c1']);
    expect(await found(db, 'windows')).toEqual(['c1']);
    expect(await db.searchQueue.count()).toBe(0);
  });

  it('indexes on its own once started', async () => {
    const { db, server, engine, indexer } = setup();
    indexer.start();
    server.addCustomer('cu-1');
    server.addConversation('c1', { subject: '咨询' });
    server.addCustomerMessage('c1', 'm1', '卡密无效');
    await engine.pull();
    await vi.waitFor(async () => expect(await found(db, '卡密')).toEqual(['c1']));
    await indexer.stop();
  });

  it('keeps a handful of segments per term over many small syncs', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    for (let i = 0; i < 40; i++) {
      server.addConversation(`c${i}`, { subject: '点卡' });
      await sync();
    }
    const segments = await db.searchSegments.where('[term+seg+n]').between(['点卡', 0, 0], ['点卡', Infinity, Infinity]).count();
    expect(segments).toBeLessThanOrEqual(Math.ceil(Math.log2(40)));
    expect(await searchLocal(db, '点卡', { now: NOW, limit: 50 })).toHaveLength(40);
  });

  it('finds the newest among thousands of candidates', async () => {
    const { db, server, sync } = setup();
    server.addCustomer('cu-1');
    for (let i = 0; i < 600; i++) server.addConversation(`c${String(i).padStart(4, '0')}`, { subject: i % 3 === 0 ? '常见 罕见' : '常见' });
    await sync();
    const hits = await searchLocal(db, '常见', { now: NOW, limit: 5 });
    expect(hits.map((h) => h.conversation.id)).toEqual(['c0599', 'c0598', 'c0597', 'c0596', 'c0595']);
    const rare = await searchLocal(db, '罕见 常见', { now: NOW, limit: 3 });
    expect(rare.map((h) => h.conversation.id)).toEqual(['c0597', 'c0594', 'c0591']);
  });
});
