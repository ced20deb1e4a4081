import {
  PullRequest,
  PushRequest,
  type Change,
  type Conversation,
  type Customer,
  type Message,
  type Mutation,
  type MutationResult,
  type PullResponse,
  type PushResponse,
  type SyncTable,
} from '../../../../protocol';
import { ApiRequestError } from '../api-client';
import type { SyncTransport } from '../transport';

type RowOf<T extends SyncTable> = Extract<Change, { table: T }>['row'];
type Outcome = MutationResult extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** `ok` lets a request through, so a later one in the same script can fail. */
type Failure = 'ok' | 'network' | 'lost-response' | { status: number; code: string; message: string };

const ISO = (n: number) => new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + n * 1000).toISOString();

/**
 * An in-process server with the protocol's semantics, for engine tests: one version
 * sequence over every table, tombstones, paged pulls with hasMore, exactly-once mutations
 * by id, first-responder ownership (a ticket owned by someone else rejects the action
 * with `reassigned`), and scripted failures.
 */
export class FakeServer implements SyncTransport {
  private version = 0;
  private tick = 0;
  private readonly rows = new Map<string, Change>();
  private readonly results = new Map<string, MutationResult>();
  private readonly failures: Failure[] = [];
  private refuse: ((m: Mutation) => boolean) | null = null;
  private offline = false;

  /** Every mutation id the server actually executed, in order (a replay is not an execution). */
  readonly executed: string[] = [];
  readonly pullRequests: PullRequest[] = [];
  readonly pushRequests: PushRequest[] = [];

  constructor(readonly agent = { id: 'agent-self', name: '测试客服甲' }) {}

  /** While offline every request fails as if the network were down. */
  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  /** The next requests fail, one failure per request, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  /** Answers 400 to any push carrying a mutation matching `predicate`, like a validation failure. */
  refuseWith(predicate: (m: Mutation) => boolean): void {
    this.refuse = predicate;
  }

  put<T extends SyncTable>(table: T, row: Omit<RowOf<T>, 'version'>): number {
    const version = ++this.version;
    this.rows.set(`${table}:${row.id}`, { table, row: { ...row, version } } as unknown as Change);
    return version;
  }

  get<T extends SyncTable>(table: T, id: string): RowOf<T> | undefined {
    return this.rows.get(`${table}:${id}`)?.row as RowOf<T> | undefined;
  }

  tombstone(table: SyncTable, id: string): void {
    const current = this.rows.get(`${table}:${id}`);
    if (!current) throw new Error(`no ${table} row ${id}`);
    this.put(table, { ...current.row, deletedAt: this.now() } as never);
  }

  addCustomer(id: string, name = `测试玩家${id}`): Customer {
    const row: Omit<Customer, 'version'> = {
      id,
      deletedAt: null,
      name,
      tier: 'individual',
      vip: false,
      identities: [],
      phone: null,
      email: null,
      note: '',
      frozen: false,
      createdAt: this.now(),
    };
    this.put('customers', row);
    return this.get('customers', id)!;
  }

  addConversation(id: string, patch: Partial<Conversation> = {}): Conversation {
    const at = this.now();
    this.put('conversations', {
      id,
      deletedAt: null,
      customerId: 'cu-1',
      channel: 'webchat',
      subject: '点卡未到账',
      status: 'new',
      category: null,
      categoryConfidence: null,
      priority: 'normal',
      repeat: false,
      sla: null,
      teamId: null,
      assigneeId: null,
      orderId: null,
      lastMessageAt: at,
      lastMessagePreview: '',
      unreadCount: 0,
      createdAt: at,
      updatedAt: at,
      ...patch,
    });
    return this.get('conversations', id)!;
  }

  addCustomerMessage(conversationId: string, id: string, body: string): Message {
    this.insertMessage({ id, conversationId, kind: 'customer', authorId: null, authorName: '测试玩家', body });
    const conv = this.get('conversations', conversationId)!;
    this.put('conversations', {
      ...conv,
      unreadCount: conv.unreadCount + 1,
      lastMessageAt: this.now(),
      lastMessagePreview: body,
    });
    return this.get('messages', id)!;
  }

  messagesOf(conversationId: string): Message[] {
    return [...this.rows.values()]
      .filter((c): c is Extract<Change, { table: 'messages' }> => c.table === 'messages')
      .map((c) => c.row)
      .filter((m) => m.conversationId === conversationId)
      .sort((a, b) => a.version - b.version);
  }

  async pull(input: PullRequest): Promise<PullResponse> {
    const req = PullRequest.parse(input);
    this.pullRequests.push(req);
    if (this.offline) throw errorOf('network');
    const failure = this.failures.shift() ?? 'ok';
    if (failure !== 'ok' && failure !== 'lost-response') throw errorOf(failure);
    const after = [...this.rows.values()].filter((c) => c.row.version > req.cursor).sort((a, b) => a.row.version - b.row.version);
    const changes = after.slice(0, req.limit);
    const hasMore = after.length > req.limit;
    const response = { changes, cursor: hasMore ? changes.at(-1)!.row.version : Math.max(req.cursor, this.version), hasMore };
    if (failure === 'lost-response') throw errorOf('network');
    return structuredClone(response);
  }

  async push(input: PushRequest): Promise<PushResponse> {
    const parsed = PushRequest.safeParse(input);
    if (this.offline) throw errorOf('network');
    const failure = this.failures.shift() ?? 'ok';
    if (failure !== 'ok' && failure !== 'lost-response') throw errorOf(failure);
    if (!parsed.success || (this.refuse && input.mutations.some(this.refuse))) {
      throw new ApiRequestError('http', 400, 'bad_request', '请求参数无效 (invalid request)');
    }
    const req = parsed.data;
    this.pushRequests.push(req);
    const results = req.mutations.map((m) => {
      const seen = this.results.get(m.id);
      if (seen) return seen;
      const result: MutationResult = { id: m.id, ...this.run(m) };
      this.results.set(m.id, result);
      this.executed.push(m.id);
      return result;
    });
    if (failure === 'lost-response') throw errorOf('network');
    return { results: structuredClone(results), version: this.version };
  }

  private run(m: Mutation): Outcome {
    const conv = this.get('conversations', m.args.conversationId);
    if (!conv || conv.deletedAt !== null) {
      return { status: 'rejected', code: 'not_found', message: '会话不存在 (not found)', params: {} };
    }
    const owner = conv.assigneeId;
    const ownedByOther = owner !== null && owner !== this.agent.id && m.name !== 'message.note' && m.name !== 'conversation.markRead';
    if (ownedByOther) {
      const name = this.get('agents', owner)?.name ?? owner;
      return { status: 'rejected', code: 'reassigned', message: `该会话已由 ${name} 负责`, params: { agentName: name } };
    }
    switch (m.name) {
      case 'message.send':
      case 'message.note': {
        if (this.get('messages', m.args.messageId)) return { status: 'applied' };
        const kind = m.name === 'message.send' ? 'agent' : 'note';
        this.insertMessage({ id: m.args.messageId, conversationId: conv.id, kind, authorId: this.agent.id, authorName: this.agent.name, body: m.args.body });
        if (kind === 'agent') {
          this.put('conversations', {
            ...conv,
            status: conv.status === 'new' || conv.status === 'resolved' ? 'open' : conv.status,
            assigneeId: conv.assigneeId ?? this.agent.id,
            unreadCount: 0,
            lastMessageAt: this.now(),
            lastMessagePreview: m.args.body,
            updatedAt: this.now(),
          });
        }
        return { status: 'applied' };
      }
      case 'conversation.setStatus':
        if (conv.status !== m.args.status) this.put('conversations', { ...conv, status: m.args.status, updatedAt: this.now() });
        return { status: 'applied' };
      case 'conversation.markRead':
        if (conv.unreadCount !== 0) this.put('conversations', { ...conv, unreadCount: 0 });
        return { status: 'applied' };
      case 'conversation.assign':
        this.put('conversations', { ...conv, assigneeId: m.args.assigneeId, teamId: m.args.teamId ?? conv.teamId, updatedAt: this.now() });
        return { status: 'applied' };
      case 'conversation.setCategory':
        this.put('conversations', { ...conv, category: m.args.category, categoryConfidence: null, updatedAt: this.now() });
        return { status: 'applied' };
      case 'conversation.setPriority':
        if (conv.priority !== m.args.priority) this.put('conversations', { ...conv, priority: m.args.priority, updatedAt: this.now() });
        return { status: 'applied' };
      case 'conversation.tag': {
        const tags = conv.tags ?? [];
        if (!tags.includes(m.args.tag)) this.put('conversations', { ...conv, tags: [...tags, m.args.tag], updatedAt: this.now() });
        return { status: 'applied' };
      }
      case 'conversation.untag':
        if (conv.tags?.includes(m.args.tag)) this.put('conversations', { ...conv, tags: conv.tags.filter((t) => t !== m.args.tag), updatedAt: this.now() });
        return { status: 'applied' };
    }
  }

  private insertMessage(m: Omit<Message, 'version' | 'deletedAt' | 'createdAt' | 'html' | 'attachments'>): void {
    this.put('messages', { ...m, html: null, attachments: [], deletedAt: null, createdAt: this.now() });
  }

  /** Server time moves one second per call, so rows get distinct, ordered timestamps. */
  private now(): string {
    return ISO(++this.tick);
  }
}

function errorOf(failure: Exclude<Failure, 'ok' | 'lost-response'>): Error {
  if (failure === 'network') return new TypeError('fetch failed');
  return new ApiRequestError('http', failure.status, failure.code, failure.message);
}
