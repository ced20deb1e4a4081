import { z } from 'zod';
import { channelConfigFromEnv } from '../env';

const PhoneConfigSchema = z.object({
  /** Shared with the call platform; it signs every call record (HMAC-SHA256). */
  secret: z.string().min(16, 'at least 16 characters').max(256),
});
export type PhoneConfig = z.infer<typeof PhoneConfigSchema>;

/** Phone settings from KADESK_PHONE_SECRET; null when the channel is not configured. */
export function phoneConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PhoneConfig | null {
  return channelConfigFromEnv(env, { secret: 'KADESK_PHONE_SECRET' }, PhoneConfigSchema);
}
