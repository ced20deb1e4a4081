import { z } from 'zod';

/** Typing shows for this long after an agent's last typing frame; workstations resend sooner while typing goes on. */
export const TYPING_TTL_MS = 6000;

// Agent workstation socket (/api/realtime). The first client frame must be `auth`;
// browsers cannot set headers on WebSocket and tokens must stay out of URLs and logs.
export const AgentClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal('viewing'), conversationId: z.string().nullable() }),
  z.object({ type: z.literal('typing'), conversationId: z.string() }),
]);
export type AgentClientFrame = z.infer<typeof AgentClientFrame>;

/** Sets a workstation fetches whole (not synced rows); `changed` tells it to fetch one again. */
export const FetchedSet = z.enum(['macros', 'knowledge']);
export type FetchedSet = z.infer<typeof FetchedSet>;

export const AgentServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.number().int().nonnegative() }),
  z.object({ type: z.literal('poke'), version: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('presence'),
    conversationId: z.string(),
    viewers: z.array(z.object({ agentId: z.string(), name: z.string(), typing: z.boolean() })),
  }),
  z.object({ type: z.literal('changed'), what: FetchedSet }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type AgentServerFrame = z.infer<typeof AgentServerFrame>;
