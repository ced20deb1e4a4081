import { randomBytes } from 'node:crypto';
import { hashToken } from '../server/src/auth/sessions';
import type { DbKind } from '../server/src/db/db';
import { insertRows } from '../server/src/demo/bulk-insert';
import { startBenchServer } from './bench-server';

// The server side of the WebSocket benchmark, in its own process so that its memory and
// CPU are its own: the real server with `agents` agents and a session each. Talks to
// bench/websockets.ts over the IPC channel: it sends the URL and tokens, then answers
// "poke" (a committed write, which pokes every socket) and "rss".

export type ParentMessage = { type: 'poke' } | { type: 'rss' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string; tokens: string[] }
  | { type: 'poked' }
  | { type: 'rss'; bytes: number };

const [kind = 'pglite', count = '1000'] = process.argv.slice(2);
const agents = Number(count);
const send = (m: ChildMessage) => process.send?.(m);

const running = await startBenchServer(kind as DbKind);
const { db } = running.server;
const tokens = Array.from({ length: agents }, () => randomBytes(32).toString('base64url'));
await db.write(async (tx) => {
  await insertRows(tx, 'teams', ['id', 'name', 'kind'], [['ws-team', '压测二组', 'general']]);
  const ids = tokens.map((_, i) => `ws-agent-${i}`);
  // No password: these agents only ever use the sessions made here.
  await insertRows(
    tx,
    'agents',
    ['id', 'name', 'login', 'password_hash', 'role', 'team_ids', 'status'],
    ids.map((id, i) => [id, `压测客服${i}`, id, 'unusable', 'agent', ['ws-team'], 'online']),
  );
  await insertRows(
    tx,
    'sessions',
    ['token_hash', 'agent_id', 'expires_at'],
    ids.map((id, i) => [hashToken(tokens[i]!), id, new Date(Date.now() + 12 * 3_600_000)]),
  );
});

process.on('message', (m: ParentMessage) => {
  if (m.type === 'poke') {
    // Any committed change to a synced row: its trigger NOTIFYs, the hub pokes every socket.
    void db.write((tx) => tx.query(`UPDATE teams SET name = name WHERE id = 'ws-team'`)).then(() => send({ type: 'poked' }));
  } else if (m.type === 'rss') {
    send({ type: 'rss', bytes: process.memoryUsage().rss });
  } else {
    void running.dispose().then(() => process.exit(0));
  }
});
send({ type: 'ready', url: running.url, tokens });
