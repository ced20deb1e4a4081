/**
 * Verifies audit chains in the server's database and prints the verdicts as JSON.
 *
 *   npx tsx server/src/audit/verify-cli.ts <ticketId> | --workspace | --all
 *
 * A ticket id checks that ticket's chain; --workspace the workspace's own chain (changes to
 * agents' status and capacity); --all every ticket and the workspace chain. Opens the
 * database the server would (DATABASE_URL, else the PGlite folder in KADESK_DATA_DIR or the
 * default data folder); stop the server first when it uses PGlite, which allows one process
 * at a time. Exit code 0: every chain intact; 1: a chain is broken; 2: bad arguments or the
 * database could not be checked.
 */
import { loadConfig } from '../config';
import { openPglite, openPostgres, type Sql } from '../db/db';
import { type TicketVerdict, verifyAllTickets, verifyTicket } from './store';
import { verifyWorkspace, type WorkspaceVerdict } from './workspace';

const args = process.argv.slice(2);
const target = args[0];
if (args.length !== 1 || !target || (target.startsWith('-') && target !== '--all' && target !== '--workspace')) {
  process.stderr.write('usage: npx tsx server/src/audit/verify-cli.ts <ticketId> | --workspace | --all\n');
  process.exit(2);
}

async function verdicts(tx: Sql): Promise<{ tickets: TicketVerdict[]; workspace?: WorkspaceVerdict }> {
  if (target === '--workspace') return { tickets: [], workspace: await verifyWorkspace(tx) };
  if (target === '--all') return { tickets: await verifyAllTickets(tx), workspace: await verifyWorkspace(tx) };
  return { tickets: [await verifyTicket(tx, target!)] };
}

try {
  const config = loadConfig();
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 1) : await openPglite(config.dataDir);
  try {
    // One snapshot, so that --all judges every chain as of the same moment.
    const found = await db.snapshot(verdicts);
    const ok = found.tickets.every((v) => v.ok) && (found.workspace?.ok ?? true);
    process.stdout.write(`${JSON.stringify({ ok, ...found }, null, 2)}\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.close();
  }
} catch (err) {
  process.stderr.write(`cannot verify: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
