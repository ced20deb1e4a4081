import { z } from 'zod';
import { requireRole } from '../auth/guard';

/** Case routes address one row by its id. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Any signed-in agent, supervisor or admin; scope is checked per case. */
export const anyRole = requireRole('agent', 'supervisor', 'admin');
