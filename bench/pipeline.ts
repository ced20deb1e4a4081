import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { AgentServerFrame } from '../protocol/realtime';
import { insertAgent } from '../server/src/auth/agents';
import { hashPassword } from '../server/src/auth/password';
import { WECOM_CALLBACK_PATH } from '../server/src/channels/wecom/routes';
import { wecomCallback } from '../server/src/channels/wecom/testing';
import { LABELLED } from '../server/src/classify/dataset';
import type { DbKind } from '../server/src/db/db';
import { acceptInbound } from '../server/src/pipeline/inbound';
import type { KadeskServer } from '../server/src/server';
import { addAllTeams, chat } from '../server/src/testing/pipeline-fixtures';
import { signIn, startBenchServer } from './bench-server';
import { percentile, round1 } from './stats';

// Made-up WeChat Work credentials: the bench signs and encrypts callbacks as the platform would.
const WECOM = { token: 'KadeskBench1', encodingAesKey: 'b'.repeat(43), corpId: 'wwkadeskbench', agentId: '1000002' };
const PASSWORD = 'bench-password';

export interface BenchSizes {
  /** Messages pushed through acceptInbound for the throughput figure. */
  messages: number;
  /** Customers they come from: the first message of each opens a ticket, the rest follow up. */
  customers: number;
  /** acceptInbound calls in flight at once (channels deliver concurrently). */
  concurrency: number;
  /** Webhook → poke round trips timed one after another. */
  latencySamples: number;
}

export interface BenchResult {
  database: DbKind;
  throughput: { messages: number; seconds: number; messagesPerSecond: number; concurrency: number };
  webhookToPoke: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** Every team, with enough online agents that assignment has real choices to make. */
async function staff(server: KadeskServer): Promise<string> {
  const teams = Object.values(await addAllTeams(server.db));
  const passwordHash = await hashPassword(PASSWORD);
  await server.db.write(async (tx) => {
    for (let i = 0; i < 24; i++) {
      const teamIds = [teams[i % teams.length]!, teams[(i + 3) % teams.length]!];
      await insertAgent(tx, { name: `压测客服${i}`, login: `bench${i}`, passwordHash, role: 'agent', teamIds, capacity: 400, status: 'online' });
    }
  });
  return 'bench0';
}

async function throughput(server: KadeskServer, sizes: BenchSizes): Promise<BenchResult['throughput']> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < sizes.messages; i = next++) {
      const example = LABELLED[i % LABELLED.length]!;
      await acceptInbound(server.db, chat(`bench-customer-${i % sizes.customers}`, example.text));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: sizes.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    messages: sizes.messages,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round(sizes.messages / seconds),
    concurrency: sizes.concurrency,
  };
}

/** An agent's realtime socket, authenticated; `nextPoke` resolves on the next poke frame. */
async function agentSocket(url: string, token: string) {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/realtime`);
  let waiting: ((at: number) => void) | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as AgentServerFrame;
      if (frame.type === 'ready') resolve();
      if (frame.type === 'poke' && waiting) {
        const done = waiting;
        waiting = null;
        done(performance.now());
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'auth', token }));
  await ready;
  return {
    /** Rejects after `timeoutMs`: a message that never pokes is a failure, not a slow sample. */
    nextPoke: (timeoutMs = 10_000) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no poke within ${timeoutMs} ms`)), timeoutMs);
        waiting = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      }),
    close: () => socket.close(),
  };
}

/** A signed, encrypted WeChat Work text message POSTed to the callback, timed until the agent's socket is poked. */
async function webhookToPoke(url: string, login: string, samples: number): Promise<BenchResult['webhookToPoke']> {
  const socket = await agentSocket(url, await signIn(url, login, PASSWORD));
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const example = LABELLED[(i * 7) % LABELLED.length]!;
      const cb = wecomCallback(WECOM, {
        ToUserName: WECOM.corpId,
        FromUserName: `wecom-user-${i % 50}`,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: example.text,
        MsgId: 9_000_000 + i,
        AgentID: Number(WECOM.agentId),
      });
      const poked = socket.nextPoke();
      const started = performance.now();
      const res = await fetch(`${url}${WECOM_CALLBACK_PATH}?${new URLSearchParams(cb.query)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: cb.body,
      });
      if ((await res.text()) !== 'success') throw new Error(`callback answered ${res.status}`);
      times.push((await poked) - started);
    }
  } finally {
    socket.close();
  }
  times.sort((a, b) => a - b);
  return { samples, p50Ms: round1(percentile(times, 50)), p99Ms: round1(percentile(times, 99)), maxMs: round1(times.at(-1)!) };
}

export async function benchPipeline(kind: DbKind, sizes: BenchSizes): Promise<BenchResult> {
  const running = await startBenchServer(kind, { wecom: { ...WECOM, secret: 'unused', apiBaseUrl: 'http://127.0.0.1:9' } });
  try {
    const login = await staff(running.server);
    process.stderr.write(`  ${kind}: ${sizes.messages} messages through the pipeline …\n`);
    const tp = await throughput(running.server, sizes);
    // Let the last pokes of the throughput run go out before timing single messages.
    await new Promise((r) => setTimeout(r, 200));
    process.stderr.write(`  ${kind}: ${tp.messagesPerSecond} messages/s; ${sizes.latencySamples} webhook → poke round trips …\n`);
    return { database: kind, throughput: tp, webhookToPoke: await webhookToPoke(running.url, login, sizes.latencySamples) };
  } finally {
    await running.dispose();
  }
}
