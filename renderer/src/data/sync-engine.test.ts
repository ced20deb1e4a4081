import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequestError } from './api-client';
import { KadeskDb, rangeOf } from './db';
import { readCursor } from './meta';
import { SyncEngine, type SyncEngineOptions } from './sync-engine';
import { FakeClock } from './testing/fake-clock';
import { FakeServer } from './testing/fake-server';
import { FakeSockets } from './testing/fake-socket';
import type { SyncTransport } from './transport';

let dbCount = 0;
const opened: KadeskDb[] = [];

function openDb(name = `engine-test-${++dbCount}`): KadeskDb {
  const db = new KadeskDb(name);
  opened.push(db);
  return db;
}

function setup(options: Partial<SyncEngineOptions> & { server?: FakeServer; db?: KadeskDb } = {}) {
  const server = options.server ?? new FakeServer();
  const db = options.db ?? openDb();
  const clock = (options.clock as FakeClock | undefined) ?? new FakeClock();
  const engine = new SyncEngine({ transport: server, self: server.agent, random: () => 0.5, ...options, db, clock });
  return { server, db, clock, engine };
}

/** A transport whose pushes wait until released, so a test can look at the state before the answer. */
function gated(inner: SyncTransport) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const transport: SyncTransport = {
    pull: (req) => inner.pull(req),
    push: async (req) => {
      await gate;
      return inner.push(req);
    },
  };
  return { transport, release };
}

const messagesIn = (db: KadeskDb, conversationId: string) =>
  db.messages.where('[conversationId+createdAt]').between(...rangeOf(conversationId)).toArray();

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('pull', () => {
  it('pages until hasMore is false and keeps the cursor with the rows', async () => {
    const { server, db, engine } = setup({ pullLimit: 3 });
    server.addCustomer('cu-1'); // v1
    for (let i = 0; i < 5; i++) server.addConversation(`c${i}`); // v2..v6
    server.addCustomerMessage('c0', 'm0', '我的点卡没到账'); // message v7, c0 again at v8

    const result = await engine.pull();

    expect(result).toMatchObject({ ok: true, changes: 7, cursor: 8 });
    expect(server.pullRequests.map((r) => r.cursor)).toEqual([0, 4, 7]);
    expect(await db.conversations.count()).toBe(5);
    expect((await db.conversations.get('c0'))?.unreadCount).toBe(1);
    expect((await db.messages.get('m0'))?.body).toBe('我的点卡没到账');
    expect(await readCursor(db)).toBe(8);

    server.addConversation('c9');
    await engine.pull();
    expect(server.pullRequests.at(-1)?.cursor).toBe(8);
    expect(await db.conversations.get('c9')).toBeDefined();
  });

  it('keeps the cursor of the last page stored when a later page fails, and resumes there', async () => {
    const { server, db, engine, clock } = setup({ pullLimit: 2 });
    for (let i = 0; i < 5; i++) server.addConversation(`c${i}`);
    server.failNext('ok', 'network');

    const failed = await engine.pull();

    expect(failed.ok).toBe(false);
    expect(await readCursor(db)).toBe(2);
    expect((await db.conversations.toCollection().primaryKeys()).sort()).toEqual(['c0', 'c1']);
    expect(engine.getStatus().online).toBe(false);

    clock.advance(1000);
    await engine.whenIdle();
    expect(server.pullRequests.at(-1)?.cursor).toBe(4);
    expect(await db.conversations.count()).toBe(5);
    expect(await readCursor(db)).toBe(5);
    expect(engine.getStatus().online).toBe(true);
  });

  it('writes rows and cursor in one transaction: a failed write leaves both unchanged', async () => {
    const { server, db, engine } = setup();
    server.addConversation('c1');
    server.addCustomerMessage('c1', 'poison', '这一行写入失败');
    const refuse = (_key: unknown, row: { id: string }) => {
      if (row.id === 'poison') throw new Error('disk full');
    };
    db.messages.hook('creating', refuse);

    const result = await engine.pull();

    expect(result.ok).toBe(false);
    expect(await readCursor(db)).toBe(0);
    expect(await db.conversations.count()).toBe(0);

    db.messages.hook('creating').unsubscribe(refuse);
    expect((await engine.pull()).ok).toBe(true);
    expect(await readCursor(db)).toBe(3);
    expect(await db.messages.get('poison')).toBeDefined();
  });

  it('writes a large page in chunks and moves the cursor only with the last one', async () => {
    const { server, db, engine } = setup({ pullLimit: 2000 });
    server.addConversation('c1');
    for (let i = 0; i < 1500; i++) server.addCustomerMessage('c1', `m${i}`, `消息${i}`);
    const refuse = (_key: unknown, row: { id: string }) => {
      if (row.id === 'm1499') throw new Error('disk full');
    };
    db.messages.hook('creating', refuse);

    expect((await engine.pull()).ok).toBe(false);
    // The first chunk of the page is stored; the cursor still says "pull this page again".
    expect(await db.messages.get('m0')).toBeDefined();
    expect(await db.messages.get('m1499')).toBeUndefined();
    expect(await readCursor(db)).toBe(0);

    db.messages.hook('creating').unsubscribe(refuse);
    expect((await engine.pull()).ok).toBe(true);
    expect(await readCursor(db)).toBe(3001);
    expect(await db.messages.get('m1499')).toBeDefined();
  });

  it('deletes tombstoned rows, and the messages of a tombstoned conversation', async () => {
    const { server, db, engine } = setup();
    server.addCustomer('cu-1');
    server.addConversation('c1');
    server.addCustomerMessage('c1', 'm1', '你好');
    server.addConversation('c2');
    await engine.pull();
    expect(await db.messages.count()).toBe(1);

    server.tombstone('conversations', 'c1');
    server.tombstone('customers', 'cu-1');
    await engine.pull();

    expect(await db.conversations.get('c1')).toBeUndefined();
    expect(await db.customers.get('cu-1')).toBeUndefined();
    expect(await messagesIn(db, 'c1')).toEqual([]);
    expect(await db.conversations.get('c2')).toBeDefined();
  });

  it('never lets an older version overwrite a newer one', async () => {
    const { server, db, engine } = setup();
    server.addConversation('c1', { subject: '旧标题' });
    await engine.pull();
    await db.conversations.update('c1', { version: 99, subject: '较新的' });

    server.put('conversations', { ...server.get('conversations', 'c1')!, subject: '过期的' });
    await engine.pull();

    expect((await db.conversations.get('c1'))?.subject).toBe('较新的');
  });

  it('stops with an error instead of looping when the server claims more without advancing', async () => {
    const { db, engine } = setup({
      transport: { pull: async (req) => ({ changes: [], cursor: req.cursor, hasMore: true }), push: vi.fn() },
    });
    const result = await engine.pull();
    expect(result.ok).toBe(false);
    expect((result.error as ApiRequestError).code).toBe('pull_stalled');
    expect(await readCursor(db)).toBe(0);
    await engine.stop();
  });
});

describe('replies', () => {
  it('shows an optimistic reply once, then replaces it with the server row', async () => {
    const server = new FakeServer();
    server.addConversation('c1');
    const gate = gated(server);
    const { db, engine } = setup({ server, transport: gate.transport });
    await engine.pull();

    const id = await engine.sendReply('c1', '您好，正在为您查询');

    const optimistic = await messagesIn(db, 'c1');
    expect(optimistic).toHaveLength(1);
    expect(optimistic[0]).toMatchObject({ id, pending: 1, version: 0, authorName: server.agent.name });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.conversations.get('c1'))?.lastMessagePreview).toBe('您好，正在为您查询');

    gate.release();
    await engine.whenIdle();

    const confirmed = await messagesIn(db, 'c1');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ id, pending: 0, failed: null });
    expect(confirmed[0]!.version).toBe(server.get('messages', id)!.version);
    expect(confirmed[0]!.createdAt).toBe(server.get('messages', id)!.createdAt);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.applied.count()).toBe(0);
    expect(server.executed).toHaveLength(1);
  });

  it('refuses an empty reply without queueing anything', async () => {
    const { db, engine } = setup();
    await expect(engine.sendReply('c1', '   ')).rejects.toThrow();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.messages.count()).toBe(0);
  });

  it('keeps the outbox through network loss and a restart, then sends it in order, once', async () => {
    const server = new FakeServer();
    server.addConversation('c1');
    const dbName = `engine-restart-${++dbCount}`;
    const first = setup({ server, db: openDb(dbName) });
    await first.engine.pull();

    server.setOffline(true);
    const ids = [
      await first.engine.sendReply('c1', '第一条'),
      await first.engine.sendReply('c1', '第二条'),
      await first.engine.sendReply('c1', '第三条'),
    ];
    await first.engine.whenIdle();
    expect(await first.db.outbox.count()).toBe(3);
    const entries = await first.db.outbox.toArray();
    expect(entries.every((e) => e.attempts >= 1 && e.lastError)).toBe(true);
    await first.engine.stop();
    first.db.close();

    // The app restarts on the same database; the first push after it is answered but the answer is lost.
    server.setOffline(false);
    server.failNext('lost-response');
    const second = setup({ server, db: openDb(dbName) });
    expect((await second.engine.push()).ok).toBe(false);
    expect(await second.db.outbox.count()).toBe(3);
    expect((await second.engine.push()).ok).toBe(true);
    await second.engine.pull();

    expect(server.messagesOf('c1').map((m) => m.body)).toEqual(['第一条', '第二条', '第三条']);
    expect(server.executed).toHaveLength(3);
    const local = await messagesIn(second.db, 'c1');
    expect(local.map((m) => m.id)).toEqual(ids);
    expect(local.every((m) => m.pending === 0)).toBe(true);
    expect(await second.db.outbox.count()).toBe(0);
  });

  it('retries a failed push with backoff', async () => {
    const { server, db, engine, clock } = setup();
    server.addConversation('c1');
    await engine.pull();
    server.failNext('network', { status: 503, code: 'unavailable', message: '维护中' });

    await engine.sendReply('c1', '稍等');
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(1);
    expect(clock.pendingTimers).toBe(1);

    clock.advance(500);
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(1);
    expect(engine.getStatus().online).toBe(true);

    clock.advance(1000);
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(0);
    expect(server.executed).toHaveLength(1);
  });

  it('marks a rejected reply failed with the reason and removes it from the outbox', async () => {
    const { server, db, engine } = setup();
    server.put('agents', {
      id: 'agent-other',
      deletedAt: null,
      name: '王五',
      login: 'wangwu',
      role: 'agent',
      teamIds: [],
      status: 'online',
      capacity: 8,
    });
    server.addConversation('c1', { assigneeId: 'agent-other', lastMessagePreview: '客户的问题' });
    await engine.pull();

    const id = await engine.sendReply('c1', '我来处理');
    await engine.whenIdle();

    expect(await db.messages.get(id)).toMatchObject({
      pending: 0,
      failed: { code: 'reassigned', params: { agentName: '王五' } },
    });
    expect(await db.outbox.count()).toBe(0);
    // The optimistic preview is withdrawn with the reply.
    expect((await db.conversations.get('c1'))?.lastMessagePreview).toBe('客户的问题');

    await engine.discardFailed(id);
    expect(await db.messages.get(id)).toBeUndefined();
  });

  it('fails only the mutation a server refuses as a whole batch, and sends the rest', async () => {
    const server = new FakeServer();
    server.addConversation('c1');
    const gate = gated(server);
    const { db, engine } = setup({ server, transport: gate.transport });
    await engine.pull();
    server.refuseWith((m) => m.name === 'message.send' && m.args.body === '坏的');

    const good1 = await engine.sendReply('c1', '好的一');
    const bad = await engine.sendReply('c1', '坏的');
    const good2 = await engine.sendReply('c1', '好的二');
    gate.release();
    await engine.whenIdle();

    expect(await db.outbox.count()).toBe(0);
    expect((await db.messages.get(bad))?.failed).toMatchObject({ code: 'invalid', params: { code: 'bad_request' } });
    expect(server.messagesOf('c1').map((m) => m.id)).toEqual([good1, good2]);
  });
});

describe('conversation actions', () => {
  it('shows a status change at once and keeps it through a pull until the server confirms it', async () => {
    const { server, db, engine } = setup();
    server.addConversation('c1', { status: 'open' });
    await engine.pull();

    server.failNext('network');
    await engine.setStatus('c1', 'resolved');
    expect(await db.conversations.get('c1')).toMatchObject({ status: 'resolved', active: 0 });
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(1);

    // A pull of an unrelated change to the row must not undo the pending status.
    server.addCustomerMessage('c1', 'm1', '还在吗');
    await engine.pull();
    expect(await db.conversations.get('c1')).toMatchObject({ status: 'resolved', unreadCount: 1 });

    await engine.push();
    await engine.whenIdle();
    const row = await db.conversations.get('c1');
    expect(row).toMatchObject({ status: 'resolved', active: 0 });
    expect(row?.base).toBeUndefined();
    expect(row?.version).toBe(server.get('conversations', 'c1')!.version);
  });

  it('puts the server state back and shows the reason when an action is rejected', async () => {
    const { server, db, engine } = setup();
    server.addConversation('c1', { status: 'open' });
    await engine.pull();

    server.failNext('network');
    await engine.setStatus('c1', 'resolved');
    await engine.whenIdle();
    expect((await db.conversations.get('c1'))?.status).toBe('resolved');
    // Meanwhile a supervisor hands the ticket to someone else; the workstation pulls it.
    server.put('conversations', { ...server.get('conversations', 'c1')!, assigneeId: 'agent-other' });
    await engine.pull();
    expect((await db.conversations.get('c1'))?.status).toBe('resolved');

    await engine.push();
    await engine.whenIdle();

    const row = await db.conversations.get('c1');
    expect(row).toMatchObject({ status: 'open', active: 1, assigneeId: 'agent-other', assigneeKey: 'agent-other' });
    expect(row?.rejection).toMatchObject({ mutation: 'conversation.setStatus', code: 'reassigned' });

    await engine.dismissRejection('c1');
    expect((await db.conversations.get('c1'))?.rejection).toBeNull();
  });

  it('does not leave a stale optimistic value when the answer to an applied push was lost', async () => {
    const { server, db, engine } = setup();
    server.addConversation('c1', { status: 'open' });
    await engine.pull();

    server.failNext('lost-response');
    await engine.setStatus('c1', 'waiting_customer');
    await engine.whenIdle();
    // The server applied it; then the customer wrote and the ticket went back to open.
    server.put('conversations', { ...server.get('conversations', 'c1')!, status: 'open' });
    await engine.pull();
    await engine.push();
    await engine.whenIdle();

    expect(server.executed).toHaveLength(1);
    expect((await db.conversations.get('c1'))?.status).toBe('open');
    expect(await db.applied.count()).toBe(0);
  });
});

describe('sessions', () => {
  it('reports 401 once, keeps the outbox and stops retrying', async () => {
    const onUnauthorized = vi.fn();
    const { server, db, engine, clock } = setup({ onUnauthorized });
    server.addConversation('c1');
    await engine.pull();
    server.failNext({ status: 401, code: 'unauthorized', message: '会话已过期' });

    await engine.sendReply('c1', '在的');
    await engine.whenIdle();

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(await db.outbox.count()).toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('network state', () => {
  it('shows offline as soon as the host says so, and syncs when it is back', async () => {
    const { server, db, engine } = setup();
    await engine.pull();
    expect(engine.getStatus().online).toBe(true);

    engine.networkChanged(false);
    expect(engine.getStatus().online).toBe(false);

    server.addConversation('c1');
    engine.networkChanged(true);
    await engine.whenIdle();
    expect(engine.getStatus().online).toBe(true);
    expect(await db.conversations.get('c1')).toBeDefined();
  });

  it('stays offline when a request started before the host went offline still succeeds', async () => {
    const { engine } = setup();
    await engine.pull();
    const late = engine.pull();
    engine.networkChanged(false);
    await late;
    expect(engine.getStatus().online).toBe(false);
  });
});

describe('realtime', () => {
  it('authenticates first, pulls on ready and on poke, and reconnects with backoff', async () => {
    const sockets = new FakeSockets();
    const { server, db, engine, clock } = setup({
      realtime: { url: 'ws://kadesk.test/api/realtime', getToken: async () => 'tok-1', connect: sockets.connect },
    });
    server.addConversation('c1');
    engine.start();
    await engine.whenIdle();
    await vi.waitFor(() => expect(sockets.opened).toHaveLength(1));

    sockets.accept(1);
    expect(JSON.parse(sockets.last.sent[0]!)).toEqual({ type: 'auth', token: 'tok-1' });
    await engine.whenIdle();
    expect(engine.getStatus().online).toBe(true);
    const pullsAfterReady = server.pullRequests.length;

    server.addConversation('c2');
    sockets.poke(2);
    await engine.whenIdle();
    expect(server.pullRequests.length).toBe(pullsAfterReady + 1);
    expect(await db.conversations.get('c2')).toBeDefined();

    // A poke for what is already here is ignored.
    sockets.poke(2);
    await engine.whenIdle();
    expect(server.pullRequests.length).toBe(pullsAfterReady + 1);

    sockets.drop();
    expect(engine.getStatus().online).toBe(false);
    server.addConversation('c3');
    clock.advance(500);
    await vi.waitFor(() => expect(sockets.opened).toHaveLength(2));
    sockets.accept(3);
    await engine.whenIdle();
    expect(engine.getStatus().online).toBe(true);
    expect(await db.conversations.get('c3')).toBeDefined();

    await engine.stop();
    expect(sockets.last.closed).toBe(true);
  });
});
