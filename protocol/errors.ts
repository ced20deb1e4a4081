import { z } from 'zod';

// Every 4xx/5xx body has this shape so that clients can show `message` and branch on `code`.
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
