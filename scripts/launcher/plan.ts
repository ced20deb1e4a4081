export interface ServerAddress {
  /** Base URL clients use, without a trailing slash. */
  baseUrl: string;
  healthUrl: string;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** Where the server started with this environment can be reached (same defaults as the server). */
export function serverAddress(env: Record<string, string | undefined>): ServerAddress {
  const port = env.KADESK_PORT || '4170';
  const host = env.KADESK_HOST || '127.0.0.1';
  // A server listening on every interface is reachable through loopback.
  const connectHost = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const baseUrl = `http://${connectHost}:${port}`;
  return { baseUrl, healthUrl: `${baseUrl}/api/health` };
}

export type LaunchMode = { kind: 'electron'; binary: string } | { kind: 'browser'; reason: 'no-electron' | 'requested' };

/** The desktop app when its binary is installed, unless KADESK_BROWSER=1 asks for the browser. */
export function chooseLaunchMode(electronBinary: string | null, env: Record<string, string | undefined>): LaunchMode {
  if (env.KADESK_BROWSER === '1') return { kind: 'browser', reason: 'requested' };
  return electronBinary === null ? { kind: 'browser', reason: 'no-electron' } : { kind: 'electron', binary: electronBinary };
}

export function browserModeMessage(baseUrl: string, reason: 'no-electron' | 'requested'): string {
  const open = `${baseUrl}/`;
  const lines =
    reason === 'no-electron'
      ? [
          '未安装 Electron 可执行文件，Kadesk 以浏览器模式运行。',
          `请在浏览器中打开：${open}`,
          '如需桌面版：在可以联网的机器上运行 `npm install electron`，然后重新执行 `npm start`。',
          '',
          'The Electron binary is not installed, so Kadesk runs in browser mode.',
          `Open ${open} in your browser.`,
          'For the desktop app, run `npm install electron` on a machine with internet access, then `npm start` again.',
        ]
      : [
          'KADESK_BROWSER=1：Kadesk 以浏览器模式运行。',
          `请在浏览器中打开：${open}`,
          '',
          'KADESK_BROWSER=1: Kadesk runs in browser mode.',
          `Open ${open} in your browser.`,
        ];
  const rule = '─'.repeat(72);
  return [rule, ...lines, '', '按 Ctrl-C 停止。 Press Ctrl-C to stop.', rule].join('\n');
}

export interface Command {
  command: string;
  args: string[];
}

/**
 * `npm run <script>` through the npm that launched us when there is one (npm sets
 * npm_execpath), so no shell is needed to find npm.cmd on Windows.
 */
export function npmRunCommand(script: string, env: Record<string, string | undefined>, nodePath: string, platform: NodeJS.Platform): Command {
  const npmCli = env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return { command: nodePath, args: [npmCli, 'run', script] };
  return { command: platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', script] };
}
