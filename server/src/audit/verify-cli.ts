/**
 * Verifies ticket audit chains in the server's database and prints the verdicts as JSON.
 *
 *   npx tsx server/src/audit/verify-cli.ts <ticketId> | --all
 *
 * Opens the database the server would (DATABASE_URL, else the PGlite folder in
 * KADESK_DATA_DIR or the default data folder); stop the server first when it uses PGlite,
 * which allows one process at a time. Exit code 0: every chain intact; 1: a chain is broken;
 * 2: bad arguments or the database could not be checked.
 */
import { loadConfig } from '../config';
import { openPglite, openPostgres } from '../db/db';
import { verifyAllTickets, verifyTicket } from './store';

const args = process.argv.slice(2);
const target = args[0];
if (args.length !== 1 || !target || (target.startsWith('-') && target !== '--all')) {
  process.stderr.write('usage: npx tsx server/src/audit/verify-cli.ts <ticketId> | --all\n');
  process.exit(2);
}

try {
  const config = loadConfig();
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 1) : await openPglite(config.dataDir);
  try {
    // One snapshot, so that --all judges every chain as of the same moment.
    const tickets = await db.snapshot(async (tx) => (target === '--all' ? verifyAllTickets(tx) : [await verifyTicket(tx, target)]));
    const ok = tickets.every((v) => v.ok);
    process.stdout.write(`${JSON.stringify({ ok, tickets }, null, 2)}\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.close();
  }
} catch (err) {
  process.stderr.write(`cannot verify: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
