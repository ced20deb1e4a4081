import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { FetchedSet, type AgentServerFrame } from '../../../protocol/realtime';
import type { AuthContext } from '../auth/context';
import type { Db } from '../db/db';
import { parseFrame, sendFrame } from './frames';
import { type PresenceEvent, PresenceBoard } from './presence';

export const SYNC_CHANNEL = 'kadesk_sync';
export const PRESENCE_CHANNEL = 'kadesk_presence';
/** Macros or the knowledge base changed (062_change_notices.sql): `{ what, agentId }`, agentId set for a personal macro. */
export const CHANGED_CHANNEL = 'kadesk_changed';
const ChangeNotice = z.object({ what: FetchedSet, agentId: z.string().nullable() });
/** Commits closer together than this share one poke. */
const POKE_COALESCE_MS = 15;

interface Client {
  socket: WebSocket;
  auth: AuthContext;
}

/**
 * Pokes every connected workstation after each commit and relays presence. Both travel
 * through Postgres NOTIFY, so several server instances on one database behave as one.
 */
export class RealtimeHub {
  private clients = new Set<Client>();
  private presence = new PresenceBoard();
  private pokeTimer: NodeJS.Timeout | null = null;
  private unlisten: Array<() => Promise<void>> = [];

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.unlisten.push(await this.db.listen(SYNC_CHANNEL, () => this.schedulePoke()));
    this.unlisten.push(
      await this.db.listen(CHANGED_CHANNEL, (payload) => {
        const notice = parseFrame(ChangeNotice, payload);
        if (!notice.ok) return this.log.warn(`ignored malformed change notification: ${notice.message}`);
        const { what, agentId } = notice.frame;
        this.broadcast({ type: 'changed', what }, (c) => agentId === null || c.auth.agentId === agentId);
      }),
    );
    this.unlisten.push(
      await this.db.listen(PRESENCE_CHANNEL, (payload) => {
        try {
          this.onPresence(JSON.parse(payload) as PresenceEvent);
        } catch (err) {
          this.log.warn({ err }, 'ignored malformed presence notification');
        }
      }),
    );
  }

  async stop(): Promise<void> {
    if (this.pokeTimer) clearTimeout(this.pokeTimer);
    for (const u of this.unlisten) await u();
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
  }

  async currentVersion(): Promise<number> {
    const { rows } = await this.db.query<{ v: number; called: boolean }>('SELECT last_value AS v, is_called AS called FROM sync_version');
    const r = rows[0];
    return r && r.called ? r.v : 0;
  }

  add(socket: WebSocket, auth: AuthContext): Client {
    const client = { socket, auth };
    this.clients.add(client);
    return client;
  }

  remove(client: Client): void {
    this.clients.delete(client);
    // Only clear presence if this was the agent's last open workstation.
    if (![...this.clients].some((c) => c.auth.agentId === client.auth.agentId)) {
      void this.publishPresence(client.auth, null, false);
    }
  }

  async publishPresence(auth: AuthContext, conversationId: string | null, typing: boolean): Promise<void> {
    const event: PresenceEvent = { agentId: auth.agentId, name: auth.name, conversationId, typing, at: Date.now() };
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(event)]);
    } catch (err) {
      this.log.warn({ err }, 'presence not published');
    }
  }

  private schedulePoke(): void {
    if (this.pokeTimer) return;
    this.pokeTimer = setTimeout(() => {
      this.pokeTimer = null;
      this.currentVersion()
        .then((version) => this.broadcast({ type: 'poke', version }))
        .catch((err) => this.log.warn({ err }, 'poke skipped'));
    }, POKE_COALESCE_MS);
  }

  private onPresence(e: PresenceEvent): void {
    const now = Date.now();
    for (const conversationId of this.presence.apply(e)) {
      this.broadcast({ type: 'presence', conversationId, viewers: this.presence.viewers(conversationId, now) });
    }
  }

  private broadcast(frame: AgentServerFrame, to: (c: Client) => boolean = () => true): void {
    for (const c of this.clients) if (to(c)) sendFrame(c.socket, frame);
  }
}
