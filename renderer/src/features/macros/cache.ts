import { MacroListResponse } from '../../../../protocol';
import type { ApiClient, KadeskDb, SyncEngine } from '../../data';

/** Replaces the cached macros with the server's list (shared and the agent's own). */
export async function refreshMacros(db: KadeskDb, api: Pick<ApiClient, 'get'>): Promise<void> {
  const { macros } = await api.get('/api/macros', MacroListResponse);
  await db.transaction('rw', db.macros, async () => {
    await db.macros.clear();
    await db.macros.bulkPut(macros);
  });
}

/**
 * Keeps the cache fresh: now, each time the workstation comes back online, and when the
 * server says a macro this agent sees changed. A failed refresh keeps the cached list
 * (macros work offline); the next reconnect tries again.
 */
export function keepMacrosFresh(
  db: KadeskDb,
  api: Pick<ApiClient, 'get'>,
  engine: Pick<SyncEngine, 'subscribe' | 'getStatus' | 'onServerChange'>,
): () => void {
  let online = engine.getStatus().online;
  const refresh = () => void refreshMacros(db, api).catch(() => undefined);
  refresh();
  const offStatus = engine.subscribe((status) => {
    if (status.online && !online) refresh();
    online = status.online;
  });
  const offChange = engine.onServerChange((what) => {
    if (what === 'macros') refresh();
  });
  return () => {
    offStatus();
    offChange();
  };
}
