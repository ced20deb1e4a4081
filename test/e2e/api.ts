/** A synced row as the pull returns it. */
export interface Row {
  id: string;
  [key: string]: unknown;
}

/** The server's HTTP API as a test sets up or checks what the UI does. */
export interface ServerApi {
  call<T>(path: string, method: string, body?: unknown, token?: string): Promise<T>;
  /** A session token for a demo login. */
  login(name: string, password: string): Promise<string>;
  /** Everything the signed-in agent syncs, by table. */
  workspace(token: string): Promise<Map<string, Row[]>>;
}

export function serverApi(serverUrl: () => string): ServerApi {
  const call = async <T>(path: string, method: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(serverUrl() + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    call,
    login: async (name, password) => (await call<{ token: string }>('/api/auth/login', 'POST', { login: name, password })).token,
    async workspace(token) {
      const tables = new Map<string, Row[]>();
      for (let cursor = 0; ; ) {
        const page = await call<{ changes: Array<{ table: string; row: Row }>; cursor: number; hasMore: boolean }>('/api/sync/pull', 'POST', { cursor, limit: 1000 }, token);
        for (const c of page.changes) tables.set(c.table, [...(tables.get(c.table) ?? []), c.row]);
        cursor = page.cursor;
        if (!page.hasMore) return tables;
      }
    },
  };
}
