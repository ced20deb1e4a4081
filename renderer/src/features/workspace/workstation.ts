import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Agent, KadeskBridge } from '../../../../protocol';
import {
  browserSocketFactory,
  dbNameFor,
  evictHistory,
  httpTransport,
  KadeskDb,
  realtimeUrl,
  SearchIndexer,
  SyncEngine,
  warmSearch,
  type ApiClient,
  type SyncStatus,
} from '../../data';
import { apiFor, type Session } from '../../session/session';

/** What every feature of a signed-in workstation uses. */
export interface Workstation {
  db: KadeskDb;
  engine: SyncEngine;
  /** For calls that are not synced data (customer history). */
  api: ApiClient;
  agent: Agent;
  bridge: KadeskBridge;
}

export const WorkstationContext = createContext<Workstation | null>(null);

export function useWorkstation(): Workstation {
  const ws = useContext(WorkstationContext);
  if (!ws) throw new Error('useWorkstation outside a signed-in workspace');
  return ws;
}

export function useSyncStatus(): SyncStatus {
  const { engine } = useWorkstation();
  return useSyncExternalStore(
    (listener) => engine.subscribe(listener),
    () => engine.getStatus(),
  );
}

/**
 * Opens the agent's local database and starts syncing and indexing it for as long as the
 * session lasts; closes them when it ends.
 */
export function useWorkstationSetup(
  session: Session,
  bridge: KadeskBridge,
  onUnauthorized: () => void,
): Workstation | null {
  const [ws, setWs] = useState<Workstation | null>(null);
  const unauthorized = useRef(onUnauthorized);
  useEffect(() => {
    unauthorized.current = onUnauthorized;
  });

  useEffect(() => {
    const { serverUrl, agent } = session;
    const signOut = () => unauthorized.current();
    const db = new KadeskDb(dbNameFor(serverUrl, agent.id));
    const api = apiFor(bridge, serverUrl);
    const indexer = new SearchIndexer(db);
    const engine = new SyncEngine({
      db,
      transport: httpTransport(api),
      self: { id: agent.id, name: agent.name },
      realtime: { url: realtimeUrl(serverUrl), getToken: () => bridge.getToken(), connect: browserSocketFactory },
      onUnauthorized: signOut,
    });
    engine.start();
    indexer.start();
    void warmSearch(db).catch(() => undefined);
    // History cached in earlier sessions is brought within the budget, whatever it was then.
    void evictHistory(db, new Set()).catch(() => undefined);
    setWs({ db, engine, api, agent, bridge });
    const onOnline = () => engine.networkChanged(true);
    const onOffline = () => engine.networkChanged(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      setWs(null);
      void Promise.all([engine.stop(), indexer.stop()]).finally(() => db.close());
    };
  }, [session, bridge]);

  return ws;
}
