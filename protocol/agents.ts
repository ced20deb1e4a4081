import { z } from 'zod';
import { Agent, AgentStatus, Role } from './entities';

const capacity = z.number().int().min(0).max(100);

// Admin: add an agent account.
export const CreateAgentRequest = z.object({
  name: z.string().trim().min(1).max(60),
  login: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, '登录名只能包含字母、数字和 . _ - (login may use letters, digits and . _ - only)'),
  password: z.string().min(8, '密码至少 8 位 (password needs at least 8 characters)').max(200),
  role: Role,
  teamIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  capacity: capacity.default(8),
});
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

// Supervisor or admin: set an agent's availability and how many open tickets they take.
export const UpdateAgentRequest = z
  .object({ status: AgentStatus.optional(), capacity: capacity.optional() })
  .refine((b) => b.status !== undefined || b.capacity !== undefined, {
    message: '请至少提供 status 或 capacity (give status or capacity)',
  });
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequest>;

export const AgentResponse = z.object({ agent: Agent });
export type AgentResponse = z.infer<typeof AgentResponse>;
