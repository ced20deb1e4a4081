/**
 * Benchmarks, each a section of the JSON printed on stdout (progress on stderr):
 *
 * - pipeline: messages per second through intake and processing, and the latency from a
 *   channel webhook to the agent's realtime poke, on embedded PGlite and on PostgreSQL (a
 *   throwaway database on KADESK_TEST_PG_URL, default 127.0.0.1:5432).
 * - search: the workstation's local search in Chromium over 1,000,000 cached messages
 *   (KADESK_BENCH_SEARCH_MESSAGES for another size); fill, index, then p50/p95 of ~50 queries.
 * - pull: rows/s of /api/sync/pull as an agent pages from cursor 0 through a scope of
 *   KADESK_BENCH_PULL_CONVERSATIONS (default 50,000) conversations with 2 messages each and
 *   their customers, on PGlite and on PostgreSQL.
 * - websockets: authenticated realtime sockets held by one server (in its own process, on
 *   PGlite), ramped through KADESK_BENCH_WS_STEPS (default 500,…,8000,12000,16000; mind ulimit -n) with
 *   KADESK_BENCH_WS_POKES (default 10) pokes a step, until a socket fails, a poke is missed
 *   or poke p99 exceeds KADESK_BENCH_WS_P99_MS (default 1000); the max held, its poke
 *   latency and the server's RSS.
 * - workstation: the built workstation (run `npm run build` first) in Chromium against the
 *   real server holding KADESK_BENCH_WORKSTATION_CONVERSATIONS (default 100,000) conversations
 *   with KADESK_BENCH_WORKSTATION_MESSAGES (default 1) messages each: first sync rows/s with
 *   the real SyncEngine against plain Dexie bulkPut of the same rows; median of
 *   KADESK_BENCH_COLD_STARTS (default 5) cold starts to the first inbox row; JS heap at idle;
 *   frame times while scrolling the inbox for KADESK_BENCH_SCROLL_MS (default 10000) ms at
 *   two speeds (p50/p95/p99, dropped frames).
 *
 *   npm run bench                  # everything
 *   npm run bench -- pglite        # the pipeline on one database
 *   npm run bench -- search        # local search only
 *   npm run bench -- pull websockets
 *   npm run bench -- workstation
 *
 * Loopback only, bounded sizes.
 */
import type { DbKind } from '../server/src/db/db';
import { progressTo } from './browser';
import { type BenchResult, benchPipeline, type BenchSizes } from './pipeline';
import { benchSearch } from './search';
import { benchServerPull, type ServerPullResult, type ServerPullSizes } from './server-sync';
import { benchWebSockets, type WebSocketSizes } from './websockets';
import { benchWorkstation, type WorkstationSizes } from './workstation';

const SIZES: BenchSizes = { messages: 2000, customers: 600, concurrency: 8, latencySamples: 300 };
const SEARCH_MESSAGES = Number(process.env.KADESK_BENCH_SEARCH_MESSAGES ?? 1_000_000);
const PULL_SIZES: ServerPullSizes = {
  conversations: Number(process.env.KADESK_BENCH_PULL_CONVERSATIONS ?? 50_000),
  messagesPerConversation: 2,
  pageLimit: 1000,
};
const WS_SIZES: WebSocketSizes = {
  steps: (process.env.KADESK_BENCH_WS_STEPS ?? '500,1000,2000,4000,8000,12000,16000').split(',').map(Number),
  pokes: Number(process.env.KADESK_BENCH_WS_POKES ?? 10),
  thresholdMs: Number(process.env.KADESK_BENCH_WS_P99_MS ?? 1000),
};
const WORKSTATION_SIZES: WorkstationSizes = {
  conversations: Number(process.env.KADESK_BENCH_WORKSTATION_CONVERSATIONS ?? 100_000),
  messagesPerConversation: Number(process.env.KADESK_BENCH_WORKSTATION_MESSAGES ?? 1),
  coldStarts: Number(process.env.KADESK_BENCH_COLD_STARTS ?? 5),
  scrollMs: Number(process.env.KADESK_BENCH_SCROLL_MS ?? 10_000),
};

const SECTIONS = ['pglite', 'postgres', 'search', 'pull', 'websockets', 'workstation'];
const requested = process.argv.slice(2);
const unknown = requested.filter((r) => !SECTIONS.includes(r));
if (unknown.length > 0) {
  process.stderr.write(`unknown section "${unknown[0]}": use ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const wants = (section: string) => requested.length === 0 || requested.includes(section);
const search = wants('search');
const kinds = (['pglite', 'postgres'] as DbKind[]).filter(wants);

const results: BenchResult[] = [];
for (const kind of kinds) {
  process.stderr.write(`bench: ${kind} …\n`);
  results.push(await benchPipeline(kind, SIZES));
}
let searchResult: unknown;
if (search) {
  process.stderr.write(`bench: search over ${SEARCH_MESSAGES} messages …\n`);
  searchResult = await benchSearch({ messages: SEARCH_MESSAGES });
}
let pull: ServerPullResult[] | undefined;
if (wants('pull')) {
  pull = [];
  for (const kind of ['pglite', 'postgres'] as DbKind[]) {
    process.stderr.write(`bench: sync pull of ${PULL_SIZES.conversations} conversations on ${kind} …\n`);
    pull.push(await benchServerPull(kind, PULL_SIZES, progressTo(`  pull ${kind}`)));
  }
}
let websockets: unknown;
if (wants('websockets')) {
  process.stderr.write(`bench: realtime sockets up to ${WS_SIZES.steps.at(-1)} …\n`);
  websockets = await benchWebSockets('pglite', WS_SIZES, progressTo('  websockets'));
}
let workstation: unknown;
if (wants('workstation')) {
  process.stderr.write(`bench: workstation with ${WORKSTATION_SIZES.conversations} cached conversations …\n`);
  workstation = await benchWorkstation(WORKSTATION_SIZES, progressTo('  workstation'));
}
const out = { sizes: SIZES, node: process.version, results, search: searchResult, pull: pull && { sizes: PULL_SIZES, results: pull }, websockets, workstation };
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
