import { performance } from 'node:perf_hooks';
import type { PullResponse } from '../protocol';
import type { DbKind } from '../server/src/db/db';
import { signIn, startBenchServer } from './bench-server';
import { BENCH_LOGIN, BENCH_PASSWORD, type LargeWorkspaceSizes, seedLargeWorkspace } from './large-workspace';
import { distribution, type Distribution, perSecond, round1 } from './stats';

/**
 * Server pull throughput: an agent pages through /api/sync/pull from cursor 0 over a large
 * scope (every conversation of their team, its customers and messages), one page after
 * another as a workstation's first sync does, against the real server on loopback.
 */
export interface ServerPullSizes extends LargeWorkspaceSizes {
  /** Rows per pull request; the workstation asks for 1,000. */
  pageLimit: number;
}

export interface ServerPullResult {
  database: DbKind;
  seed: { rows: number; seconds: number; rowsPerSecond: number };
  pull: { rows: number; pages: number; seconds: number; rowsPerSecond: number; megabytes: number; pageMs: Distribution };
}

export async function benchServerPull(kind: DbKind, sizes: ServerPullSizes, progress: (line: string) => void): Promise<ServerPullResult> {
  const running = await startBenchServer(kind);
  try {
    const seedStarted = performance.now();
    const ws = await seedLargeWorkspace(running.server.db, sizes, progress);
    const seedMs = performance.now() - seedStarted;
    const seeded = ws.customers + ws.conversations + ws.messages;
    progress(`${seeded} rows seeded; pulling …`);

    const token = await signIn(running.url, BENCH_LOGIN, BENCH_PASSWORD);
    const pageMs: number[] = [];
    let cursor = 0;
    let rows = 0;
    let bytes = 0;
    const started = performance.now();
    for (;;) {
      const pageStarted = performance.now();
      const res = await fetch(`${running.url}/api/sync/pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ cursor, limit: sizes.pageLimit }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`pull answered ${res.status}: ${text.slice(0, 200)}`);
      const page = JSON.parse(text) as PullResponse;
      pageMs.push(performance.now() - pageStarted);
      rows += page.changes.length;
      bytes += text.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const ms = performance.now() - started;
    // The directory (team, agent) comes along; everything seeded must arrive.
    if (rows < seeded) throw new Error(`pulled ${rows} rows of ${seeded}`);
    return {
      database: kind,
      seed: { rows: seeded, seconds: round1(seedMs / 1000), rowsPerSecond: perSecond(seeded, seedMs) },
      pull: {
        rows,
        pages: pageMs.length,
        seconds: round1(ms / 1000),
        rowsPerSecond: perSecond(rows, ms),
        megabytes: round1(bytes / 1e6),
        pageMs: distribution(pageMs),
      },
    };
  } finally {
    await running.dispose();
  }
}
