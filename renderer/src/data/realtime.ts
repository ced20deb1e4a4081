import { AgentServerFrame, type AgentClientFrame, type FetchedSet } from '../../../protocol';
import { backoffDelay, type Clock } from './clock';

export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  close(code: number): void;
}

/** The part of a WebSocket the engine uses; a factory adapts the browser's or Node's. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (ev) => {
    if (typeof ev.data === 'string') handlers.message(ev.data);
  };
  ws.onclose = (ev) => handlers.close(ev.code);
  return { send: (data) => ws.send(data), close: (code, reason) => ws.close(code, reason) };
};

/** ws:// or wss:// address of the agent socket on a server given by its http(s) base URL. */
export function realtimeUrl(serverUrl: string): string {
  const url = new URL('/api/realtime', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export type SocketState = 'connecting' | 'up' | 'down';

export interface RealtimeOptions {
  url: string;
  getToken: () => Promise<string | null>;
  connect: SocketFactory;
  clock: Clock;
  random: () => number;
  /** The server accepted the socket: a first connect or a reconnect. */
  onReady(version: number): void;
  onPoke(version: number): void;
  onPresence(frame: Extract<AgentServerFrame, { type: 'presence' }>): void;
  /** Macros or the knowledge base changed on the server: fetch them again. */
  onChanged(what: FetchedSet): void;
  onStateChange(state: SocketState): void;
}

/**
 * The workstation's one socket to the server: authenticates with the first frame (tokens
 * stay out of URLs), reports pokes and presence, sends presence, and reconnects with
 * backoff until stopped.
 */
export class RealtimeConnection {
  private socket: SocketLike | null = null;
  /** The server accepted this socket's auth frame, so it takes other frames. */
  private ready = false;
  private attempt = 0;
  private cancelRetry: (() => void) | null = null;
  private running = false;

  constructor(private readonly options: RealtimeOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.open();
  }

  stop(): void {
    this.running = false;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    socket?.close(1000, 'signed out');
  }

  /** Sends a frame if the socket is up; presence is ephemeral, so nothing is queued. */
  send(frame: AgentClientFrame): void {
    if (this.ready) this.socket?.send(JSON.stringify(frame));
  }

  private async open(): Promise<void> {
    const token = await this.options.getToken();
    if (!this.running) return;
    if (!token) {
      this.options.onStateChange('down');
      return;
    }
    let socket: SocketLike | null = null;
    const current = () => socket !== null && this.socket === socket;
    try {
      socket = this.options.connect(this.options.url, {
        open: () => {
          if (current()) socket?.send(JSON.stringify({ type: 'auth', token } satisfies AgentClientFrame));
        },
        message: (data) => {
          if (current()) this.onFrame(data);
        },
        close: () => {
          if (!current()) return;
          this.socket = null;
          this.ready = false;
          this.options.onStateChange('down');
          this.reconnectLater();
        },
      });
    } catch {
      this.options.onStateChange('down');
      this.reconnectLater();
      return;
    }
    this.socket = socket;
  }

  private onFrame(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = AgentServerFrame.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'ready') {
      this.attempt = 0;
      this.ready = true;
      this.options.onStateChange('up');
      this.options.onReady(frame.version);
    } else if (frame.type === 'poke') {
      this.options.onPoke(frame.version);
    } else if (frame.type === 'presence') {
      this.options.onPresence(frame);
    } else if (frame.type === 'changed') {
      this.options.onChanged(frame.what);
    }
  }

  private reconnectLater(): void {
    if (!this.running) return;
    const delay = backoffDelay(this.attempt++, this.options.random);
    this.cancelRetry = this.options.clock.setTimeout(() => {
      this.cancelRetry = null;
      void this.open();
    }, delay);
  }
}
