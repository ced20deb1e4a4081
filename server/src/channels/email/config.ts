import { z } from 'zod';
import { channelConfigFromEnv } from '../env';

const MiB = 1024 * 1024;

const addressList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()).min(1));

const EmailConfigSchema = z
  .object({
    /** Mailboxes the listener accepts mail for; the first is the From of agents' replies. */
    supportAddresses: addressList,
    /** Where the inbound SMTP listener binds; loopback by default, behind the site's MTA. */
    smtpHost: z.string().min(1).default('127.0.0.1'),
    smtpPort: z.coerce.number().int().min(0).max(65535).default(2525),
    maxMessageBytes: z.coerce.number().int().min(64 * 1024).max(100 * MiB).default(25 * MiB),
    /** The relay that sends agents' replies, e.g. smtp://127.0.0.1:25 or smtps://user:pass@host:465. */
    outUrl: z.url({ protocol: /^smtps?$/ }).default('smtp://127.0.0.1:25'),
    /** When set, senders must log in (AUTH PLAIN/LOGIN) before they may send. */
    authUser: z.string().min(1).max(128).optional(),
    authPassword: z.string().min(8).max(256).optional(),
    /** PEM files; when set, the listener offers STARTTLS. */
    tlsKeyFile: z.string().min(1).optional(),
    tlsCertFile: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.authUser !== !c.authPassword) {
      ctx.addIssue({ code: 'custom', path: [c.authUser ? 'authPassword' : 'authUser'], message: 'set both user and password' });
    }
    if (!c.tlsKeyFile !== !c.tlsCertFile) {
      ctx.addIssue({ code: 'custom', path: [c.tlsKeyFile ? 'tlsCertFile' : 'tlsKeyFile'], message: 'set both key and certificate' });
    }
  });
export type EmailConfig = z.infer<typeof EmailConfigSchema>;

/** Email settings from KADESK_SUPPORT_ADDRESSES and KADESK_SMTP_*; null when the channel is not configured. */
export function emailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EmailConfig | null {
  return channelConfigFromEnv(
    env,
    {
      supportAddresses: 'KADESK_SUPPORT_ADDRESSES',
      smtpHost: 'KADESK_SMTP_HOST',
      smtpPort: 'KADESK_SMTP_PORT',
      maxMessageBytes: 'KADESK_SMTP_MAX_BYTES',
      outUrl: 'KADESK_SMTP_OUT_URL',
      authUser: 'KADESK_SMTP_AUTH_USER',
      authPassword: 'KADESK_SMTP_AUTH_PASSWORD',
      tlsKeyFile: 'KADESK_SMTP_TLS_KEY',
      tlsCertFile: 'KADESK_SMTP_TLS_CERT',
    },
    EmailConfigSchema,
  );
}
