import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TYPING_TTL_MS } from '../../../protocol';
import { KadeskDb } from './db';
import { SyncEngine } from './sync-engine';
import { FakeClock } from './testing/fake-clock';
import { FakeServer } from './testing/fake-server';
import { FakeSockets } from './testing/fake-socket';

let db: KadeskDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function connected() {
  db = new KadeskDb('presence-test');
  const sockets = new FakeSockets();
  const clock = new FakeClock();
  const server = new FakeServer({ id: 'me', name: '演示客服01' });
  const engine = new SyncEngine({
    db,
    transport: server,
    self: server.agent,
    clock,
    random: () => 0.5,
    realtime: { url: 'ws://kadesk.test/api/realtime', getToken: async () => 'tok', connect: sockets.connect },
  });
  engine.start();
  await vi.waitFor(() => expect(sockets.opened).toHaveLength(1));
  sockets.accept(0);
  const sent = () => sockets.last.sent.map((s) => JSON.parse(s) as { type: string }).filter((f) => f.type !== 'auth');
  const presence = (conversationId: string, viewers: Array<{ agentId: string; name: string; typing: boolean }>) =>
    sockets.last.handlers.message(JSON.stringify({ type: 'presence', conversationId, viewers }));
  return { engine, sockets, clock, sent, presence };
}

describe('presence', () => {
  it('announces the conversation on screen and throttles typing', async () => {
    const { engine, clock, sent } = await connected();
    engine.presence.view('c1');
    engine.presence.view('c1');
    for (let i = 0; i < 5; i++) engine.presence.typed('c1');
    clock.advance(TYPING_TTL_MS / 3);
    engine.presence.typed('c1');
    engine.presence.view(null);
    expect(sent()).toEqual([
      { type: 'viewing', conversationId: 'c1' },
      { type: 'typing', conversationId: 'c1' },
      { type: 'typing', conversationId: 'c1' },
      { type: 'viewing', conversationId: null },
    ]);
    await engine.stop();
  });

  it('shows other agents, typing until it expires, and forgets them when the socket drops', async () => {
    const { engine, clock, presence, sockets } = await connected();
    const seen = vi.fn();
    engine.presence.subscribe(seen);
    presence('c1', [
      { agentId: 'me', name: '演示客服01', typing: false },
      { agentId: 'a3', name: '演示客服03', typing: true },
    ]);
    expect(seen).toHaveBeenCalledTimes(1);
    expect(engine.presence.colleagues('c1')).toEqual([{ agentId: 'a3', name: '演示客服03', typing: true }]);
    expect(engine.presence.typingExpiresAt('c1')).toBe(clock.now() + TYPING_TTL_MS);
    expect(engine.presence.colleagues('c2')).toEqual([]);
    clock.advance(TYPING_TTL_MS);
    expect(engine.presence.colleagues('c1')).toEqual([{ agentId: 'a3', name: '演示客服03', typing: false }]);

    sockets.drop();
    expect(engine.presence.colleagues('c1')).toEqual([]);
    await engine.stop();
  });

  it('announces the open conversation again after a reconnect', async () => {
    const { engine, clock, sockets, sent } = await connected();
    engine.presence.view('c7');
    sockets.drop();
    engine.presence.typed('c7');
    clock.advance(1000);
    await vi.waitFor(() => expect(sockets.opened).toHaveLength(2));
    sockets.accept(0);
    expect(sent()).toEqual([{ type: 'viewing', conversationId: 'c7' }]);
    await engine.stop();
  });
});
