import { z } from 'zod';
import { channelConfigFromEnv } from '../env';

export const WECOM_API_BASE = 'https://qyapi.weixin.qq.com';

const WecomConfigSchema = z.object({
  /** The callback Token set in the app's "接收消息" settings. */
  token: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'up to 32 letters and digits'),
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, '43 letters and digits'),
  /** The company's corpid: the ReceiveId inside every message and the gettoken corpid. */
  corpId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -'),
  agentId: z.string().regex(/^\d{1,12}$/, 'digits'),
  secret: z.string().min(1).max(256),
  /** The API host; tests point it at a local sandbox. */
  apiBaseUrl: z.url({ protocol: /^https?$/ }).default(WECOM_API_BASE),
});
export type WecomConfig = z.infer<typeof WecomConfigSchema>;

/** WeChat Work settings from KADESK_WECOM_*; null when the channel is not configured. */
export function wecomConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WecomConfig | null {
  return channelConfigFromEnv(
    env,
    {
      token: 'KADESK_WECOM_TOKEN',
      encodingAesKey: 'KADESK_WECOM_ENCODING_AES_KEY',
      corpId: 'KADESK_WECOM_CORP_ID',
      agentId: 'KADESK_WECOM_AGENT_ID',
      secret: 'KADESK_WECOM_SECRET',
      apiBaseUrl: 'KADESK_WECOM_API_BASE',
    },
    WecomConfigSchema,
  );
}
