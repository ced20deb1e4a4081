import { z } from 'zod';
import { Agent, Category, Conversation, ConversationStatus, Customer, Message, Order, Priority, TagName, Team } from './entities';

export const PULL_MAX_LIMIT = 2000;

export const PullRequest = z.object({
  // Highest version the client has applied; 0 on first sync.
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(PULL_MAX_LIMIT).default(500),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Change = z.discriminatedUnion('table', [
  z.object({ table: z.literal('teams'), row: Team }),
  z.object({ table: z.literal('agents'), row: Agent }),
  z.object({ table: z.literal('customers'), row: Customer }),
  z.object({ table: z.literal('orders'), row: Order }),
  z.object({ table: z.literal('conversations'), row: Conversation }),
  z.object({ table: z.literal('messages'), row: Message }),
]);
export type Change = z.infer<typeof Change>;
export type SyncTable = Change['table'];
export const SYNC_TABLES: readonly SyncTable[] = [
  'teams',
  'agents',
  'customers',
  'orders',
  'conversations',
  'messages',
];

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

const body = z.string().trim().min(1).max(20_000);

// Mutations are named commands; the server is authoritative and may reject one with a
// reason the UI shows. `id` is minted by the client and makes retries exactly-once.
export const MutationArgs = {
  'message.send': z.object({ messageId: z.string().min(1).max(64), conversationId: z.string(), body }),
  'message.note': z.object({ messageId: z.string().min(1).max(64), conversationId: z.string(), body }),
  'conversation.setStatus': z.object({ conversationId: z.string(), status: ConversationStatus }),
  'conversation.markRead': z.object({ conversationId: z.string() }),
  // teamId moves the ticket to another team as well; only supervisors may.
  'conversation.assign': z.object({ conversationId: z.string(), assigneeId: z.string().nullable(), teamId: z.string().min(1).max(64).optional() }),
  // An agent's correction of the classifier; the server learns from it.
  'conversation.setCategory': z.object({ conversationId: z.string(), category: Category }),
  'conversation.setPriority': z.object({ conversationId: z.string(), priority: Priority }),
  // Tags travel on the conversation row; who added or removed one is in the ticket's audit trail.
  'conversation.tag': z.object({ conversationId: z.string(), tag: TagName }),
  'conversation.untag': z.object({ conversationId: z.string(), tag: TagName }),
} as const;
export type MutationName = keyof typeof MutationArgs;
export const MUTATION_NAMES = Object.keys(MutationArgs) as MutationName[];

export const Mutation = z.discriminatedUnion('name', [
  z.object({ id: z.string().min(1).max(64), name: z.literal('message.send'), args: MutationArgs['message.send'] }),
  z.object({ id: z.string().min(1).max(64), name: z.literal('message.note'), args: MutationArgs['message.note'] }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.literal('conversation.setStatus'),
    args: MutationArgs['conversation.setStatus'],
  }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.literal('conversation.markRead'),
    args: MutationArgs['conversation.markRead'],
  }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.literal('conversation.assign'),
    args: MutationArgs['conversation.assign'],
  }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.literal('conversation.setCategory'),
    args: MutationArgs['conversation.setCategory'],
  }),
  z.object({
    id: z.string().min(1).max(64),
    name: z.literal('conversation.setPriority'),
    args: MutationArgs['conversation.setPriority'],
  }),
  z.object({ id: z.string().min(1).max(64), name: z.literal('conversation.tag'), args: MutationArgs['conversation.tag'] }),
  z.object({ id: z.string().min(1).max(64), name: z.literal('conversation.untag'), args: MutationArgs['conversation.untag'] }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  clientId: z.string().min(1).max(64),
  mutations: z.array(Mutation).min(1).max(100),
});
export type PushRequest = z.infer<typeof PushRequest>;

// Stable codes the renderer translates; `message` is a server-side fallback text.
export const REJECTION_CODES = [
  'not_found',
  'forbidden',
  'reassigned',
  'conversation_resolved',
  'invalid',
] as const;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('applied') }),
  z.object({
    id: z.string(),
    status: z.literal('rejected'),
    code: z.enum(REJECTION_CODES),
    message: z.string(),
    params: z.record(z.string(), z.string()).default({}),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  // Version after the push committed; a client may pull up to it at once.
  version: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;
