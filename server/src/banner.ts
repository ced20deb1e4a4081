import type { ServerConfig } from './config';

export interface DemoLogin {
  login: string;
  password: string;
  role: string;
}

/** Where the data lives, without credentials: the PGlite folder or PostgreSQL user@host/db. */
export function describeDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `PGlite (${config.dataDir ?? '内存 in memory'})`;
  try {
    const u = new URL(config.databaseUrl);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `PostgreSQL ${user}${u.host}${u.pathname}`;
  } catch {
    // An unparsable URL may still hold a password; say nothing of it.
    return 'PostgreSQL';
  }
}

/** The base URL people open in a browser; a wildcard bind address is reached via localhost. */
export function publicBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

export function startupBanner(o: { baseUrl: string; database: string; demoLogins: readonly DemoLogin[] | null }): string {
  const lines = [
    '',
    `  Kadesk 服务器已启动 (server running)`,
    `  工作台 (workstation):  ${o.baseUrl}`,
    `  客户聊天窗 (widget):   ${o.baseUrl}widget/`,
    `  接口文档 (API docs):   ${o.baseUrl}api/docs`,
    `  数据库 (database):     ${o.database}`,
  ];
  if (o.demoLogins) {
    lines.push('', '  演示账号 (demo logins; start with KADESK_DEMO=0 on a fresh database for a real workspace):');
    // Logins sharing a password and role print as one range line ("agent01 … agent12").
    const groups = new Map<string, DemoLogin[]>();
    for (const d of o.demoLogins) {
      const key = `${d.password}\n${d.role}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const g of groups.values()) {
      const first = g[0]!;
      const logins = g.length > 1 ? `${first.login} … ${g[g.length - 1]!.login}` : first.login;
      lines.push(`    ${logins.padEnd(20)} ${first.password.padEnd(14)} ${first.role}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
