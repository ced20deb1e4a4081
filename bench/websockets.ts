import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { AgentServerFrame } from '../protocol/realtime';
import type { DbKind } from '../server/src/db/db';
import { distribution, type Distribution, round1 } from './stats';
import type { ChildMessage, ParentMessage } from './websockets-server';

/**
 * Concurrent agents' realtime sockets one server holds: the server runs in a child process
 * (bench/websockets-server.ts); this process opens authenticated /api/realtime sockets in
 * steps, and at each step commits a change `pokes` times and times how long each socket
 * takes to get its poke. The ramp stops at the first step where a socket fails to connect
 * or drops, a poke goes missing, or poke p99 passes `thresholdMs`.
 */
export interface WebSocketSizes {
  /** Sockets held at each step, ascending. */
  steps: number[];
  pokes: number;
  thresholdMs: number;
}

export interface WebSocketStep {
  sockets: number;
  /** Time to open and authenticate this step's new sockets. */
  connectSeconds: number;
  connectErrors: number;
  dropped: number;
  missedPokes: number;
  pokeMs: Distribution;
  serverRssMb: number;
}

export interface WebSocketResult {
  database: DbKind;
  thresholdMs: number;
  /** The server's memory before any socket, for the cost of each. */
  idleServerRssMb: number;
  /** The most sockets held within the threshold (0 if even the first step failed). */
  maxHeld: number;
  /** Poke latency and server memory at that step. */
  atMax: { pokeP99Ms: number; serverRssMb: number } | null;
  stoppedBecause: string;
  steps: WebSocketStep[];
}

const POKE_TIMEOUT_MS = 5000;
const CONNECT_TIMEOUT_MS = 15_000;
/** Sockets opening at once, as agents arriving in a burst would. */
const OPENING = 64;

interface Agent {
  socket: WebSocket;
  lastPoke: number;
}

export async function benchWebSockets(kind: DbKind, sizes: WebSocketSizes, progress: (line: string) => void): Promise<WebSocketResult> {
  const max = sizes.steps.at(-1) ?? 0;
  const child = fork(resolve(import.meta.dirname, 'websockets-server.ts'), [kind, String(max)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = async <T extends ChildMessage['type']>(m: ParentMessage, answer: T) => {
    child.send(m);
    for (;;) {
      const [reply] = (await once(child, 'message')) as [ChildMessage];
      if (reply.type === answer) return reply as Extract<ChildMessage, { type: T }>;
    }
  };
  const agents: Agent[] = [];
  try {
    const [ready] = (await once(child, 'message')) as [ChildMessage];
    if (ready.type !== 'ready') throw new Error('the bench server did not start');
    const wsUrl = `${ready.url.replace('http', 'ws')}/api/realtime`;
    const idleServerRssMb = Math.round((await ask({ type: 'rss' }, 'rss')).bytes / 1e6);

    // One poke in flight at a time: each socket records how long after its start the poke arrived.
    let poke = { seq: 0, started: 0, arrivals: [] as number[] };
    const connect = (token: string) =>
      new Promise<Agent>((done, fail) => {
        const socket = new WebSocket(wsUrl);
        const agent: Agent = { socket, lastPoke: 0 };
        const timer = setTimeout(() => fail(new Error('no ready frame')), CONNECT_TIMEOUT_MS);
        socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
        socket.on('message', (raw) => {
          const frame = JSON.parse(String(raw)) as AgentServerFrame;
          if (frame.type === 'ready') {
            clearTimeout(timer);
            done(agent);
          } else if (frame.type === 'poke' && agent.lastPoke !== poke.seq) {
            agent.lastPoke = poke.seq;
            poke.arrivals.push(performance.now() - poke.started);
          }
        });
        socket.on('error', (err) => {
          clearTimeout(timer);
          fail(err);
        });
      });

    const steps: WebSocketStep[] = [];
    let stoppedBecause = `reached the last step (${max} sockets)`;
    for (const target of sizes.steps) {
      const connectStarted = performance.now();
      let connectErrors = 0;
      let next = agents.length;
      const opener = async () => {
        for (let i = next++; i < target; i = next++) {
          try {
            agents.push(await connect(ready.tokens[i]!));
          } catch {
            connectErrors++;
          }
        }
      };
      await Promise.all(Array.from({ length: OPENING }, opener));
      const connectSeconds = round1((performance.now() - connectStarted) / 1000);
      // Let the burst of sign-ins settle before timing pokes.
      await new Promise((r) => setTimeout(r, 500));

      const latencies: number[] = [];
      let missedPokes = 0;
      for (let p = 0; p < sizes.pokes; p++) {
        poke = { seq: poke.seq + 1, started: performance.now(), arrivals: [] };
        child.send({ type: 'poke' } satisfies ParentMessage);
        const deadline = performance.now() + POKE_TIMEOUT_MS;
        while (poke.arrivals.length < agents.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        latencies.push(...poke.arrivals);
        missedPokes += agents.length - poke.arrivals.length;
        // Apart by more than the hub's coalescing window, so each commit is its own poke.
        await new Promise((r) => setTimeout(r, 100));
      }
      const dropped = agents.filter((a) => a.socket.readyState !== WebSocket.OPEN).length;
      const { bytes } = await ask({ type: 'rss' }, 'rss');
      const step: WebSocketStep = {
        sockets: agents.length - dropped,
        connectSeconds,
        connectErrors,
        dropped,
        missedPokes,
        pokeMs: distribution(latencies),
        serverRssMb: Math.round(bytes / 1e6),
      };
      steps.push(step);
      progress(`${step.sockets} sockets: poke p50 ${step.pokeMs.p50} ms, p99 ${step.pokeMs.p99} ms, server ${step.serverRssMb} MB`);
      const failure =
        connectErrors > 0 ? `${connectErrors} sockets failed to connect at ${target}`
        : dropped > 0 ? `${dropped} sockets dropped at ${target}`
        : missedPokes > 0 ? `${missedPokes} pokes missed at ${target}`
        : step.pokeMs.p99 > sizes.thresholdMs ? `poke p99 ${step.pokeMs.p99} ms above ${sizes.thresholdMs} ms at ${target}`
        : null;
      if (failure) {
        stoppedBecause = failure;
        break;
      }
    }
    const good = steps.filter((s) => s.connectErrors + s.dropped + s.missedPokes === 0 && s.pokeMs.p99 <= sizes.thresholdMs).at(-1);
    return {
      database: kind,
      thresholdMs: sizes.thresholdMs,
      idleServerRssMb,
      maxHeld: good?.sockets ?? 0,
      atMax: good ? { pokeP99Ms: good.pokeMs.p99, serverRssMb: good.serverRssMb } : null,
      stoppedBecause,
      steps,
    };
  } finally {
    for (const a of agents) a.socket.terminate();
    if (child.connected) {
      child.send({ type: 'stop' } satisfies ParentMessage);
      await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
