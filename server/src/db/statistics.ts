import type { FastifyInstance } from 'fastify';
import type { Db } from './db';

/** How often the embedded database's planner statistics are refreshed. */
export const STATISTICS_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Refreshes the planner's table statistics. Without them PostgreSQL plans a large table as
 * if it were as small as when it was last analysed: after a bulk load a page of the sync
 * pull became a hash join over every conversation (58 ms instead of 2 ms at 50,000), so
 * each page cost more as the workspace grew.
 */
export async function refreshStatistics(db: Pick<Db, 'query'>): Promise<void> {
  await db.query('ANALYZE');
}

/**
 * PostgreSQL's autovacuum keeps statistics fresh; the embedded PGlite has no background
 * workers, so the server refreshes them itself: at start and then every `intervalMs`. The
 * first pass runs after the server is ready rather than before (about half a second at
 * 150,000 rows), so it does not delay the workstation's start.
 */
export function statisticsUpkeep(db: Pick<Db, 'query'>, intervalMs = STATISTICS_INTERVAL_MS) {
  return async (app: FastifyInstance) => {
    let running: Promise<void> = Promise.resolve();
    const run = () => {
      running = refreshStatistics(db).catch((err: unknown) =>
        app.log.warn({ err }, 'planner statistics not refreshed; queries may plan poorly until the next try'),
      );
    };
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    });
    // The database closes after the app: a pass under way finishes first.
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running;
    });
  };
}
