import { Agent, LoginResponse, MeResponse, type KadeskBridge } from '../../../protocol';
import { ApiClient, ApiRequestError, isUnauthorized } from '../data';

export interface Session {
  serverUrl: string;
  agent: Agent;
  /** Restored from the local copy because the server could not be reached. */
  offline: boolean;
}

type AgentCache = Pick<Storage, 'getItem' | 'setItem'>;

// The last signed-in profile per server (no secrets), so the workstation opens offline.
const cacheKey = (serverUrl: string) => `kadesk.agent:${serverUrl}`;

function cachedAgent(cache: AgentCache, serverUrl: string): Agent | null {
  const raw = cache.getItem(cacheKey(serverUrl));
  if (!raw) return null;
  try {
    const parsed = Agent.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An API client that reads the token from the host on every call. */
export function apiFor(bridge: KadeskBridge, serverUrl: string, fetchFn?: typeof fetch) {
  return new ApiClient({ serverUrl, getToken: () => bridge.getToken(), fetch: fetchFn });
}

/**
 * The session the host kept, checked with the server. A rejected token is cleared; an
 * unreachable server falls back to the cached profile, so the agent can work offline.
 */
export async function restoreSession(
  bridge: KadeskBridge,
  cache: AgentCache,
  fetchFn?: typeof fetch,
): Promise<Session | null> {
  if (!(await bridge.getToken())) return null;
  const serverUrl = await bridge.serverUrl();
  try {
    const { agent } = await apiFor(bridge, serverUrl, fetchFn).get('/api/me', MeResponse);
    cache.setItem(cacheKey(serverUrl), JSON.stringify(agent));
    return { serverUrl, agent, offline: false };
  } catch (err) {
    if (isUnauthorized(err)) {
      await bridge.setToken(null);
      return null;
    }
    const agent = cachedAgent(cache, serverUrl);
    if (agent && err instanceof ApiRequestError && err.kind === 'network') return { serverUrl, agent, offline: true };
    throw err;
  }
}

export async function signIn(
  bridge: KadeskBridge,
  cache: AgentCache,
  login: string,
  password: string,
  fetchFn?: typeof fetch,
): Promise<Session> {
  const serverUrl = await bridge.serverUrl();
  const api = apiFor(bridge, serverUrl, fetchFn);
  const res = await api.post('/api/auth/login', { login, password }, LoginResponse);
  await bridge.setToken(res.token);
  cache.setItem(cacheKey(serverUrl), JSON.stringify(res.agent));
  return { serverUrl, agent: res.agent, offline: false };
}

/** Ends the session on the server when it can be reached; the local token goes either way. */
export async function signOut(bridge: KadeskBridge, serverUrl: string): Promise<void> {
  try {
    await apiFor(bridge, serverUrl).postEmpty('/api/auth/logout');
  } catch {
    // An expired session or no network: there is nothing left to end on the server.
  }
  await bridge.setToken(null);
}
