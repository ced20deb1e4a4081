/**
 * Benchmarks, each a section of the JSON printed on stdout (progress on stderr):
 *
 * - pipeline: messages per second through intake and processing, and the latency from a
 *   channel webhook to the agent's realtime poke, on embedded PGlite and on PostgreSQL (a
 *   throwaway database on KADESK_TEST_PG_URL, default 127.0.0.1:5432).
 * - search: the workstation's local search in Chromium over 1,000,000 cached messages
 *   (KADESK_BENCH_SEARCH_MESSAGES for another size); fill, index, then p50/p95 of ~50 queries.
 *
 *   npm run bench                  # everything
 *   npm run bench -- pglite        # the pipeline on one database
 *   npm run bench -- search        # local search only
 *
 * Loopback only, bounded sizes.
 */
import type { DbKind } from '../server/src/db/db';
import { type BenchResult, benchPipeline, type BenchSizes } from './pipeline';
import { benchSearch } from './search';

const SIZES: BenchSizes = { messages: 2000, customers: 600, concurrency: 8, latencySamples: 300 };
const SEARCH_MESSAGES = Number(process.env.KADESK_BENCH_SEARCH_MESSAGES ?? 1_000_000);

const requested = process.argv.slice(2);
const search = requested.length === 0 || requested.includes('search');
const databases = requested.filter((r) => r !== 'search');
const kinds = (requested.length > 0 ? databases : ['pglite', 'postgres']) as DbKind[];
for (const k of kinds) {
  if (k !== 'pglite' && k !== 'postgres') {
    process.stderr.write(`unknown section "${k}": use pglite, postgres or search\n`);
    process.exit(2);
  }
}

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
process.stdout.write(`${JSON.stringify({ sizes: SIZES, node: process.version, results, search: searchResult }, null, 2)}\n`);
