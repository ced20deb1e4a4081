import { z } from 'zod';
import { Agent } from './entities';

export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  agent: Agent,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = z.object({ agent: Agent });
export type MeResponse = z.infer<typeof MeResponse>;
