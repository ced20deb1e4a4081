import { describe, expect, it, vi } from 'vitest';
import { RealtimeConnection, realtimeUrl } from './realtime';
import { FakeClock } from './testing/fake-clock';
import { FakeSockets } from './testing/fake-socket';

function connection(getToken: () => Promise<string | null>) {
  const sockets = new FakeSockets();
  const events = { ready: vi.fn(), poke: vi.fn(), presence: vi.fn(), changed: vi.fn(), state: vi.fn() };
  const rt = new RealtimeConnection({
    url: 'ws://desk.example.test/api/realtime',
    getToken,
    connect: sockets.connect,
    clock: new FakeClock(),
    random: () => 0.5,
    onReady: events.ready,
    onPoke: events.poke,
    onPresence: events.presence,
    onChanged: events.changed,
    onStateChange: events.state,
  });
  return { rt, sockets, events };
}

describe('realtime', () => {
  it('derives the socket address from the server URL', () => {
    expect(realtimeUrl('http://127.0.0.1:4170')).toBe('ws://127.0.0.1:4170/api/realtime');
    expect(realtimeUrl('https://desk.example.test')).toBe('wss://desk.example.test/api/realtime');
  });

  it('does not connect without a token', async () => {
    const { rt, sockets, events } = connection(async () => null);
    rt.start();
    await vi.waitFor(() => expect(events.state).toHaveBeenCalledWith('down'));
    expect(sockets.opened).toHaveLength(0);
  });

  it('ignores frames that break the protocol and after it was stopped', async () => {
    const { rt, sockets, events } = connection(async () => 'tok');
    rt.start();
    await vi.waitFor(() => expect(sockets.opened).toHaveLength(1));
    sockets.last.handlers.message('not json');
    sockets.last.handlers.message(JSON.stringify({ type: 'poke', version: -1 }));
    sockets.accept(4);
    expect(events.ready).toHaveBeenCalledWith(4);
    rt.stop();
    sockets.poke(5);
    sockets.drop();
    expect(events.poke).not.toHaveBeenCalled();
    expect(sockets.opened).toHaveLength(1);
  });

  it('reports which fetched set changed, and nothing for a set it does not know', async () => {
    const { rt, sockets, events } = connection(async () => 'tok');
    rt.start();
    await vi.waitFor(() => expect(sockets.opened).toHaveLength(1));
    sockets.accept(1);
    sockets.last.handlers.message(JSON.stringify({ type: 'changed', what: 'macros' }));
    sockets.last.handlers.message(JSON.stringify({ type: 'changed', what: 'passwords' }));
    sockets.last.handlers.message(JSON.stringify({ type: 'changed', what: 'knowledge' }));
    expect(events.changed.mock.calls).toEqual([['macros'], ['knowledge']]);
    rt.stop();
  });
});
