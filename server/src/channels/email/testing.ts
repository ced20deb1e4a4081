import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

// Test support for the email channel.

/** A mail fixture's exact bytes (CRLF, legacy charsets). */
export const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface Mta {
  /** smtp://127.0.0.1:<port>, to use as the outbound relay. */
  url: string;
  mails: ReceivedMail[];
  /** The SMTP code to refuse the next mail with (4xx: try later, 5xx: never). */
  failNext: number | null;
  close(): Promise<void>;
}

/** A receiving mail server on loopback that keeps every mail it is given. */
export async function startMta(): Promise<Mta> {
  const mta: Omit<Mta, 'url' | 'close'> = { mails: [], failNext: null };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (mta.failNext !== null) {
          const responseCode = mta.failNext;
          mta.failNext = null;
          return done(Object.assign(new Error(`refused for the test (${responseCode})`), { responseCode }));
        }
        const envelope = session.envelope;
        mta.mails.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(mta, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A loopback port that was free a moment ago, for listeners that must be told their port up front. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
