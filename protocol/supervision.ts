import { z } from 'zod';
import { Agent } from './entities';

/**
 * The ticket an agent has kept a customer waiting on longest: an open ticket of theirs
 * (new or open, so the next move is the agent's) whose oldest unanswered customer message
 * came in at `since`.
 */
export const WaitingTicket = z.object({
  conversationId: z.string(),
  subject: z.string(),
  since: z.string(),
});
export type WaitingTicket = z.infer<typeof WaitingTicket>;

/** One agent's workload as the supervisor board shows it. */
export const AgentWorkload = Agent.pick({ name: true, login: true, role: true, teamIds: true, status: true, capacity: true }).extend({
  agentId: z.string(),
  /** Unresolved tickets assigned to the agent. */
  openLoad: z.number().int().nonnegative(),
  /** Of those, the ones where a customer waits on an answer. */
  waitingLoad: z.number().int().nonnegative(),
  oldestWaiting: WaitingTicket.nullable(),
});
export type AgentWorkload = z.infer<typeof AgentWorkload>;

// GET /api/supervision/agents (supervisor, admin): every agent who takes tickets.
export const WorkloadSnapshot = z.object({
  generatedAt: z.string(),
  agents: z.array(AgentWorkload),
});
export type WorkloadSnapshot = z.infer<typeof WorkloadSnapshot>;
