import type { z } from 'zod';
import {
  Mutation,
  newId,
  type ConversationStatus,
  type FetchedSet,
  type MutationArgs,
  type MutationName,
  type MutationResult,
  type PushResponse,
} from '../../../protocol';
import { ApiRequestError, isTransient, isUnauthorized } from './api-client';
import { applyPullPage } from './apply-pull';
import { backoffDelay, systemClock, type Clock } from './clock';
import type { KadeskDb, OutboxEntry, Rejection } from './db';
import { clientIdOf, readCursor } from './meta';
import { messageIdOf, optimisticMessage, overlayEntries, relayConversation, type Self } from './optimistic';
import { PresenceTracker } from './presence';
import { RealtimeConnection, type SocketFactory, type SocketState } from './realtime';
import type { SyncTransport } from './transport';

export interface SyncStatus {
  /** The server answers and, when there is a realtime socket, the socket is not down. */
  online: boolean;
  /** A pull or push is running. */
  syncing: boolean;
  /** Changes applied by the current (or last) pull; a first sync shows it as progress. */
  pulled: number;
  lastError: string | null;
  lastSyncedAt: number | null;
}

export type ConnectionState = 'online' | 'offline' | 'syncing';

/** The three states the status bar shows. */
export function connectionStateOf(status: SyncStatus): ConnectionState {
  if (!status.online) return 'offline';
  return status.syncing ? 'syncing' : 'online';
}

export interface SyncEngineOptions {
  db: KadeskDb;
  transport: SyncTransport;
  /** Author of the messages this workstation sends. */
  self: Self;
  clock?: Clock;
  /** Jitter source for backoff; tests pin it. */
  random?: () => number;
  /** Without it the engine syncs only when told to, or after a local mutation. */
  realtime?: { url: string; getToken: () => Promise<string | null>; connect: SocketFactory };
  /** A request got 401: the session is over. The engine stops retrying until restarted. */
  onUnauthorized?: () => void;
  pullLimit?: number;
  pushBatchSize?: number;
}

export interface PullResult {
  ok: boolean;
  changes: number;
  cursor: number;
  error?: unknown;
}

export interface PushResult {
  ok: boolean;
  applied: number;
  rejected: number;
  /** Mutations still waiting in the outbox. */
  remaining: number;
  error?: unknown;
}

/** A mutation as the UI asks for it; the engine mints its id. */
export type MutationInput = {
  [N in MutationName]: { name: N; args: z.input<(typeof MutationArgs)[N]> };
}[MutationName];

type Op = 'pull' | 'push';

const MAX_PUSH_BATCH = 100;

/**
 * Keeps one agent's local database in step with the server.
 *
 * Reads never go through the engine: the UI watches Dexie. Writes do: a mutation is stored
 * in the outbox together with its optimistic effect in one transaction, then pushed in
 * order. Pulls and pushes run one at a time, so a pull never interleaves with the
 * settling of a push. No React here, so the same engine runs in Node against any transport.
 */
export class SyncEngine {
  private readonly db: KadeskDb;
  private readonly transport: SyncTransport;
  private readonly self: Self;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly pullLimit: number;
  private readonly pushBatchSize: number;
  private readonly realtime: RealtimeConnection | null;
  private readonly changeListeners = new Set<(what: FetchedSet) => void>();
  /** Who else views or types in which conversation; a no-op without a realtime socket. */
  readonly presence: PresenceTracker;

  private status: SyncStatus = { online: true, syncing: false, pulled: 0, lastError: null, lastSyncedAt: null };
  /** The last request got an answer (any answer) from the server. */
  private reachable = true;
  /** Set by the host's offline event: a request already in flight that lands after it must not read as "back online". */
  private hostOffline = false;
  private socketState: SocketState = 'connecting';
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  private queue: Promise<unknown> = Promise.resolve();
  private readonly queued: Record<Op, boolean> = { pull: false, push: false };
  private readonly attempts: Record<Op, number> = { pull: 0, push: 0 };
  private readonly retries: Record<Op, (() => void) | null> = { pull: null, push: null };
  private knownCursor = 0;
  private stopped = false;
  private signedOut = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.self = options.self;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.pullLimit = options.pullLimit ?? 1000;
    this.pushBatchSize = Math.min(options.pushBatchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
    this.presence = new PresenceTracker(this.self.id, this.clock, (frame) => this.realtime?.send(frame));
    const rt = options.realtime;
    this.realtime = rt
      ? new RealtimeConnection({
          ...rt,
          clock: this.clock,
          random: this.random,
          onReady: () => {
            this.presence.announce();
            this.syncNow();
          },
          onPoke: (version) => {
            if (version > this.knownCursor) this.kick('pull');
          },
          onPresence: (frame) => this.presence.receive(frame),
          onChanged: (what) => {
            for (const listener of this.changeListeners) listener(what);
          },
          onStateChange: (state) => {
            this.socketState = state;
            if (state === 'down') this.presence.clear();
            this.update({});
          },
        })
      : null;
  }

  /** Connects the realtime socket (if any) and syncs: whatever the outbox holds goes first. */
  start(): void {
    this.stopped = false;
    this.signedOut = false;
    this.realtime?.start();
    this.kick('push');
    this.kick('pull');
  }

  /** Stops timers and the socket, then waits for the running pull or push to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.realtime?.stop();
    for (const op of ['pull', 'push'] as const) this.cancelRetry(op);
    await this.whenIdle();
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` when the server says macros or the knowledge base changed; returns the unsubscribe. */
  onServerChange(listener: (what: FetchedSet) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Pulls until the server has nothing more, one page at a time. */
  pull(): Promise<PullResult> {
    return this.exclusive(() => this.pullNow());
  }

  /** Sends the outbox in order until it is empty or the server cannot be reached. */
  push(): Promise<PushResult> {
    return this.exclusive(() => this.pushNow());
  }

  /** Resolves once no pull or push is running or queued. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const tail = this.queue;
      await tail;
      if (tail === this.queue) return;
    }
  }

  /** Sends a reply: shown at once as "sending", delivered once even across restarts. Returns the message id. */
  async sendReply(conversationId: string, body: string): Promise<string> {
    const messageId = newId(this.clock.now());
    await this.mutate({ name: 'message.send', args: { messageId, conversationId, body } });
    return messageId;
  }

  async addNote(conversationId: string, body: string): Promise<string> {
    const messageId = newId(this.clock.now());
    await this.mutate({ name: 'message.note', args: { messageId, conversationId, body } });
    return messageId;
  }

  setStatus(conversationId: string, status: ConversationStatus): Promise<string> {
    return this.mutate({ name: 'conversation.setStatus', args: { conversationId, status } });
  }

  markRead(conversationId: string): Promise<string> {
    return this.mutate({ name: 'conversation.markRead', args: { conversationId } });
  }

  assign(conversationId: string, assigneeId: string | null): Promise<string> {
    return this.mutate({ name: 'conversation.assign', args: { conversationId, assigneeId } });
  }

  /**
   * Validates a mutation, stores it in the outbox with its optimistic effect in one
   * transaction, and starts a push. Throws (zod) if the arguments break the protocol, so
   * nothing unsendable is ever queued. Returns the mutation id.
   */
  async mutate(input: MutationInput): Promise<string> {
    const [id] = await this.mutateAll([input]);
    return id!;
  }

  /**
   * Several mutations (a bulk action) queued in order in one transaction: all or none are
   * stored, and one push sends them. Returns their ids.
   */
  async mutateAll(inputs: readonly MutationInput[]): Promise<string[]> {
    if (inputs.length === 0) return [];
    const createdAt = new Date(this.clock.now()).toISOString();
    const drafts = inputs.map((input) => ({
      mutation: Mutation.parse({ id: newId(this.clock.now()), ...input }),
      createdAt,
      attempts: 0,
      lastError: null,
    }));
    const db = this.db;
    await db.transaction('rw', [db.outbox, db.applied, db.messages, db.conversations], async () => {
      for (const draft of drafts) {
        const entry: OutboxEntry = { ...draft, seq: await db.outbox.add(draft) };
        const message = optimisticMessage(entry, this.self);
        if (message) await db.messages.put(message);
      }
      const entries = await overlayEntries(db);
      for (const id of new Set(drafts.map((d) => d.mutation.args.conversationId))) await relayConversation(db, id, entries);
    });
    this.kick('push');
    return drafts.map((d) => d.mutation.id);
  }

  /** Hides the notice of a rejected conversation action. */
  async dismissRejection(conversationId: string): Promise<void> {
    await this.db.conversations.update(conversationId, { rejection: null });
  }

  /** Removes a message the server refused; only failed messages can be discarded. */
  async discardFailed(messageId: string): Promise<void> {
    await this.db.transaction('rw', this.db.messages, async () => {
      const message = await this.db.messages.get(messageId);
      if (message?.failed) await this.db.messages.delete(messageId);
    });
  }

  /**
   * The host's word on the network (the browser's online/offline events). Offline shows at
   * once, before any request fails or the socket notices; back online syncs right away.
   */
  networkChanged(online: boolean): void {
    this.hostOffline = !online;
    if (online) return this.syncNow();
    this.reachable = false;
    this.update({});
  }

  /** Sends the outbox and catches up now, skipping any backoff wait: on every realtime (re)connect. */
  syncNow(): void {
    for (const op of ['push', 'pull'] as const) {
      this.attempts[op] = 0;
      this.cancelRetry(op);
      this.kick(op);
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Queues a pull or push unless one is already waiting to start. */
  private kick(op: Op): void {
    if (this.stopped || this.signedOut || this.queued[op]) return;
    this.queued[op] = true;
    this.exclusive((): Promise<unknown> => {
      this.queued[op] = false;
      return op === 'pull' ? this.pullNow() : this.pushNow();
    }).catch((error: unknown) => {
      // Only a local database failure gets here; network and server errors are results.
      this.update({ lastError: error instanceof Error ? error.message : String(error) });
    });
  }

  private async pullNow(): Promise<PullResult> {
    this.update({ syncing: true, pulled: 0 });
    const db = this.db;
    let cursor = 0;
    let changes = 0;
    try {
      cursor = await readCursor(db);
      // Mutations applied before this pull began: once it completes their effect is in the rows.
      const confirmed = await db.applied.toCollection().primaryKeys();
      for (;;) {
        const res = await this.transport.pull({ cursor, limit: this.pullLimit });
        if (res.hasMore && res.cursor <= cursor) {
          throw new ApiRequestError('response', null, 'pull_stalled', 'pull reported more changes without advancing');
        }
        await applyPullPage(db, res.changes, res.cursor);
        changes += res.changes.length;
        cursor = Math.max(cursor, res.cursor);
        this.knownCursor = cursor;
        this.update({ pulled: changes });
        if (!res.hasMore) break;
      }
      await this.dropConfirmed(confirmed);
      this.succeeded('pull');
      return { ok: true, changes, cursor };
    } catch (error) {
      this.failed('pull', error);
      return { ok: false, changes, cursor, error };
    } finally {
      this.update({ syncing: false });
    }
  }

  private async dropConfirmed(seqs: number[]): Promise<void> {
    if (seqs.length === 0) return;
    const db = this.db;
    await db.transaction('rw', [db.applied, db.outbox, db.conversations], async () => {
      const dropped = (await db.applied.bulkGet(seqs)).filter((e) => e !== undefined);
      await db.applied.bulkDelete(seqs);
      const entries = await overlayEntries(db);
      for (const id of new Set(dropped.map((e) => e.mutation.args.conversationId))) {
        await relayConversation(db, id, entries);
      }
    });
  }

  private async pushNow(): Promise<PushResult> {
    const db = this.db;
    let applied = 0;
    let rejected = 0;
    let batchSize = this.pushBatchSize;
    this.update({ syncing: true });
    try {
      const clientId = await clientIdOf(db);
      for (;;) {
        const entries = await db.outbox.orderBy('seq').limit(batchSize).toArray();
        if (entries.length === 0) break;
        let res: PushResponse;
        try {
          res = await this.transport.push({ clientId, mutations: entries.map((e) => e.mutation) });
        } catch (error) {
          if (isUnauthorized(error) || isTransient(error)) {
            await this.recordAttempt(entries, error);
            this.failed('push', error);
            return { ok: false, applied, rejected, remaining: await db.outbox.count(), error };
          }
          // The server refused the request as a whole (one mutation it cannot accept). Send one
          // at a time to find it, and fail only that one, so the queue never wedges.
          if (entries.length > 1) {
            batchSize = 1;
            continue;
          }
          const [entry] = entries as [OutboxEntry];
          const reason = error instanceof ApiRequestError ? error : null;
          await this.settle([entry], [
            {
              id: entry.mutation.id,
              status: 'rejected',
              code: 'invalid',
              message: reason?.message ?? String(error),
              params: reason ? { code: reason.code } : {},
            },
          ]);
          rejected++;
          continue;
        }
        const counts = await this.settle(entries, res.results);
        applied += counts.applied;
        rejected += counts.rejected;
        if (counts.applied + counts.rejected === 0) {
          throw new ApiRequestError('response', null, 'push_unanswered', 'push answer has no result for the first mutation');
        }
        // Applied mutations stay laid over their rows until a pull brings the server's result,
        // so pull even when the version says nothing is new: the result may already be here.
        if (counts.applied > 0 || res.version > this.knownCursor) this.kick('pull');
      }
      this.succeeded('push');
      return { ok: true, applied, rejected, remaining: 0 };
    } catch (error) {
      this.failed('push', error);
      return { ok: false, applied, rejected, remaining: await db.outbox.count(), error };
    } finally {
      this.update({ syncing: false });
    }
  }

  /**
   * Records the server's answers in one transaction, in outbox order, stopping at the first
   * mutation without an answer so that order is kept.
   */
  private async settle(
    entries: readonly OutboxEntry[],
    results: readonly MutationResult[],
  ): Promise<{ applied: number; rejected: number }> {
    const byId = new Map(results.map((r) => [r.id, r]));
    const db = this.db;
    const counts = { applied: 0, rejected: 0 };
    await db.transaction('rw', [db.outbox, db.applied, db.messages, db.conversations], async () => {
      const settled: Array<{ entry: OutboxEntry; result: MutationResult }> = [];
      for (const entry of entries) {
        const result = byId.get(entry.mutation.id);
        if (!result) break;
        await db.outbox.delete(entry.seq);
        if (result.status === 'applied') await db.applied.put(entry);
        settled.push({ entry, result });
      }
      const remaining = await overlayEntries(db);
      for (const { entry, result } of settled) {
        const m = entry.mutation;
        const messageId = messageIdOf(m);
        if (result.status === 'applied') {
          counts.applied++;
          if (messageId) await db.messages.update(messageId, { pending: 0 });
          continue;
        }
        counts.rejected++;
        const reason: Rejection = { code: result.code, message: result.message, params: result.params };
        if (messageId) await db.messages.update(messageId, { pending: 0, failed: reason });
        await relayConversation(
          db,
          m.args.conversationId,
          remaining,
          messageId ? undefined : { ...reason, mutation: m.name },
        );
      }
    });
    return counts;
  }

  private async recordAttempt(entries: readonly OutboxEntry[], error: unknown): Promise<void> {
    const lastError = error instanceof Error ? error.message : String(error);
    await this.db.outbox.bulkUpdate(
      entries.map((e) => ({ key: e.seq, changes: { attempts: e.attempts + 1, lastError } })),
    );
  }

  private succeeded(op: Op): void {
    this.attempts[op] = 0;
    this.cancelRetry(op);
    this.reachable = true;
    this.update({ lastError: null, lastSyncedAt: this.clock.now() });
  }

  private failed(op: Op, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.reachable = error instanceof ApiRequestError && error.kind !== 'network';
    this.update({ lastError: message });
    if (isUnauthorized(error)) {
      this.signedOut = true;
      this.options.onUnauthorized?.();
      return;
    }
    this.retryLater(op);
  }

  private retryLater(op: Op): void {
    if (this.stopped || this.retries[op]) return;
    const delay = backoffDelay(this.attempts[op]++, this.random);
    this.retries[op] = this.clock.setTimeout(() => {
      this.retries[op] = null;
      this.kick(op);
    }, delay);
  }

  private cancelRetry(op: Op): void {
    this.retries[op]?.();
    this.retries[op] = null;
  }

  private update(patch: Partial<Omit<SyncStatus, 'online'>>): void {
    // A socket that is down means offline even while HTTP answers: pokes are not arriving.
    const online = !this.hostOffline && this.reachable && this.socketState !== 'down';
    this.status = { ...this.status, ...patch, online };
    for (const listener of this.listeners) listener(this.status);
  }
}
