import type { SocketFactory, SocketHandlers } from '../realtime';

export interface FakeSocket {
  url: string;
  sent: string[];
  closed: boolean;
  handlers: SocketHandlers;
}

/** Records the sockets an engine opens and lets a test play the server's side of each. */
export class FakeSockets {
  readonly opened: FakeSocket[] = [];

  readonly connect: SocketFactory = (url, handlers) => {
    const socket: FakeSocket = { url, sent: [], closed: false, handlers };
    this.opened.push(socket);
    return {
      send: (data) => socket.sent.push(data),
      close: () => {
        socket.closed = true;
      },
    };
  };

  get last(): FakeSocket {
    const socket = this.opened.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }

  /** The server accepts the connection: open, then `ready`. */
  accept(version = 0): void {
    this.last.handlers.open();
    this.last.handlers.message(JSON.stringify({ type: 'ready', version }));
  }

  poke(version: number): void {
    this.last.handlers.message(JSON.stringify({ type: 'poke', version }));
  }

  drop(): void {
    this.last.closed = true;
    this.last.handlers.close(1006);
  }
}
