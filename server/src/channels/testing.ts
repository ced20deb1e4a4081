import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { newId } from '../../../protocol/ids';
import { notifyOutbound } from '../conversations/graph';
import type { Db } from '../db/db';

// Test support for channel adapters: a local stand-in for their HTTP APIs and agent replies.

/** A logger that drops everything. */
export const silentLog = Fastify({ logger: false }).log;

/** Stores an agent reply and sends the outbound notification, as a committed message.send does. */
export async function addAgentReply(db: Db, conversationId: string, body: string): Promise<string> {
  const id = newId();
  await db.write(async (tx) => {
    await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ($1, $2, 'agent', '测试客服', $3)`, [
      id,
      conversationId,
      body,
    ]);
    await notifyOutbound(tx, conversationId);
  });
  return id;
}

export interface SandboxRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The JSON body, or null when there was none. */
  json: unknown;
}

export interface SandboxResponse {
  status?: number;
  json: unknown;
}

export interface Sandbox {
  /** http://127.0.0.1:<port>, to use as a channel's API base. */
  baseUrl: string;
  requests: SandboxRequest[];
  close(): Promise<void>;
}

/**
 * A local stand-in for a channel's HTTP API, for tests: loopback only, every request
 * recorded, answers computed by `handle` from the contract the test implements.
 */
export async function startSandbox(handle: (req: SandboxRequest) => SandboxResponse): Promise<Sandbox> {
  const requests: SandboxRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: SandboxRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        json: text ? JSON.parse(text) : null,
      };
      requests.push(recorded);
      const answer = handle(recorded);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; close would otherwise wait them out.
        server.closeAllConnections();
      }),
  };
}
