import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { equalSecrets } from '../constant-time';
import type { EmailConfig } from './config';
import { UnusableEmail } from './parse';

export interface SmtpListener {
  readonly port: number;
  close(): Promise<void>;
}

/** An SMTP reply: 4xx tells the sending MTA to try again later, 5xx bounces the mail. */
const reply = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * The inbound SMTP listener. It accepts mail only for the support addresses and only up to
 * the size limit, and answers 250 only once `accept` has stored the mail, so a mail is
 * either in the pipeline or still the sending MTA's to retry. AUTH and STARTTLS are off
 * unless configured: by default it sits behind the site's own MTA on loopback.
 */
export async function startSmtpListener(
  config: EmailConfig,
  accept: (raw: Buffer) => Promise<unknown>,
  log: FastifyBaseLogger,
): Promise<SmtpListener> {
  const tls = config.tlsKeyFile && config.tlsCertFile ? { key: readFileSync(config.tlsKeyFile), cert: readFileSync(config.tlsCertFile) } : null;
  const { authUser, authPassword } = config;
  const server = new SMTPServer({
    banner: 'Kadesk',
    logger: false,
    size: config.maxMessageBytes,
    ...tls,
    disabledCommands: [...(authUser ? [] : ['AUTH']), ...(tls ? [] : ['STARTTLS'])],
    authOptional: !authUser,
    authMethods: ['PLAIN', 'LOGIN'],
    // Without TLS the password crosses in the clear: for a relay on loopback or a trusted network only.
    allowInsecureAuth: !tls,
    closeTimeout: 5_000,
    onAuth(auth, _session, done) {
      const ok = authUser && authPassword && equalSecrets(auth.username ?? '', authUser) && equalSecrets(auth.password ?? '', authPassword);
      if (ok) done(null, { user: authUser });
      else done(reply(535, '5.7.8 用户名或密码错误 (authentication failed)'));
    },
    onRcptTo(address, _session, done) {
      if (config.supportAddresses.includes(address.address.toLowerCase())) done();
      else done(reply(550, '5.1.1 本服务器不接收该地址的邮件 (no such mailbox here)'));
    },
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is only drained: the mail is refused when it ends.
        if (size <= config.maxMessageBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return done(reply(552, `5.3.4 邮件过大 (message exceeds ${config.maxMessageBytes} bytes)`));
        accept(Buffer.concat(chunks)).then(
          () => done(null, '2.0.0 已收到 (accepted)'),
          (err: unknown) => {
            if (err instanceof UnusableEmail) return done(reply(550, `5.6.0 无法处理的邮件 (${err.message})`));
            log.error({ err }, 'email: accepting a mail failed; the sender will retry');
            done(reply(451, '4.3.0 暂时无法接收，请稍后重试 (try again later)'));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.smtpPort, config.smtpHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.warn({ err }, 'email: SMTP listener error'));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
