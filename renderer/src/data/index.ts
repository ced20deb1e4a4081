// The data layer's public surface: enough to run the sync engine outside React (Node tests
// against a real server included) and to read what it stores.
export { ApiClient, ApiRequestError, isTransient, isUnauthorized, type ApiClientOptions } from './api-client';
export { backoffDelay, systemClock, type Clock } from './clock';
export { dbNameFor, KadeskDb, type LocalConversation, type LocalMessage, type OutboxEntry, type Rejection } from './db';
export { clientIdOf, readCursor } from './meta';
export type { Self } from './optimistic';
export * from './queries';
export * from './views';
export { browserSocketFactory, realtimeUrl, type SocketFactory, type SocketHandlers, type SocketLike } from './realtime';
export {
  connectionStateOf,
  SyncEngine,
  type ConnectionState,
  type MutationInput,
  type PullResult,
  type PushResult,
  type SyncEngineOptions,
  type SyncStatus,
} from './sync-engine';
export { httpTransport, type SyncTransport } from './transport';
export { mutationsFor, type ConversationAction } from './actions';
export { evictHistory, fetchHistoryPage, historyEntry, storeHistoryPage, touchHistory } from './history/cache';
export type { HistoryCacheEntry } from './history/cache-entry';
export { SearchIndexer } from './search/indexer';
export { searchLocal, warmSearch, type SearchHit } from './search/query';
