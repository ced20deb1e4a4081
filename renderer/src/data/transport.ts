import { PullResponse, PushResponse, type PullRequest, type PushRequest } from '../../../protocol';
import type { ApiClient } from './api-client';

/**
 * How the sync engine reaches the server. A transport throws `ApiRequestError` with kind
 * `http` for an error answer; anything else it throws counts as a network failure.
 */
export interface SyncTransport {
  pull(req: PullRequest): Promise<PullResponse>;
  push(req: PushRequest): Promise<PushResponse>;
}

export function httpTransport(api: ApiClient): SyncTransport {
  return {
    pull: (req) => api.post('/api/sync/pull', req, PullResponse),
    push: (req) => api.post('/api/sync/push', req, PushResponse),
  };
}
