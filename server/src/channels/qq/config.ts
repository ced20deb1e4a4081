import { z } from 'zod';
import { channelConfigFromEnv } from '../env';

export const QQ_API_BASE = 'https://api.sgroup.qq.com';
export const QQ_TOKEN_URL = 'https://bots.qq.com/app/getAppAccessToken';

const QqConfigSchema = z.object({
  appId: z.string().regex(/^\d{1,20}$/, 'digits'),
  /** The bot's AppSecret: it signs webhooks (Ed25519 seed) and obtains API tokens. */
  secret: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'printable ASCII without spaces'),
  /** The OpenAPI host and the token endpoint; tests point both at a local sandbox. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).default(QQ_API_BASE),
  tokenUrl: z.url({ protocol: /^https?$/ }).default(QQ_TOKEN_URL),
});
export type QqConfig = z.infer<typeof QqConfigSchema>;

/** QQ bot settings from KADESK_QQ_*; null when the channel is not configured. */
export function qqConfigFromEnv(env: NodeJS.ProcessEnv = process.env): QqConfig | null {
  return channelConfigFromEnv(
    env,
    { appId: 'KADESK_QQ_APP_ID', secret: 'KADESK_QQ_SECRET', apiBaseUrl: 'KADESK_QQ_API_BASE', tokenUrl: 'KADESK_QQ_TOKEN_URL' },
    QqConfigSchema,
  );
}
