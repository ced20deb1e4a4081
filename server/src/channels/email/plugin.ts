import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../../app';
import { deliverWhileRunning } from '../deliveries';
import { acceptEmail } from './accept';
import type { EmailConfig } from './config';
import { type SmtpListener, startSmtpListener } from './listener';
import { EmailSender } from './outbound';

/** The email channel while the app runs: the inbound SMTP listener and outbound replies. */
export function emailChannel(deps: ServerDeps, config: EmailConfig) {
  return async (app: FastifyInstance) => {
    deliverWhileRunning(app, deps.db, new EmailSender(deps.db, config));
    let listener: SmtpListener | null = null;
    app.addHook('onReady', async () => {
      listener = await startSmtpListener(config, (raw) => acceptEmail(deps.db, raw, config.supportAddresses), app.log);
      app.log.info({ host: config.smtpHost, port: listener.port }, 'email: SMTP listener ready');
    });
    app.addHook('onClose', async () => {
      await listener?.close();
    });
  };
}
