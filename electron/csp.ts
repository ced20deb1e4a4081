import { serverConnectSources } from './config';

export interface CspOptions {
  /** Kadesk server base URL: the only place besides the app itself the renderer may connect to. */
  serverUrl: string;
  /**
   * Origin of electron-vite's dev server, in development only. Vite injects the React Refresh
   * preamble as an inline script and hot-reloaded CSS as inline styles, and talks HMR over a
   * WebSocket; the production policy allows none of that.
   */
  devServerOrigin?: string;
}

export function buildContentSecurityPolicy({ serverUrl, devServerOrigin }: CspOptions): string {
  const inlineInDev = devServerOrigin ? ["'unsafe-inline'"] : [];
  const devSocket = devServerOrigin ? [devServerOrigin.replace(/^http/, 'ws')] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...inlineInDev]],
    ['style-src', ["'self'", ...inlineInDev]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...serverConnectSources(serverUrl), ...devSocket]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

const CSP_HEADER = 'Content-Security-Policy';

/** Response headers with any policy the response carried replaced by ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => {
    const lower = name.toLowerCase();
    return lower !== 'content-security-policy' && lower !== 'content-security-policy-report-only';
  });
  return { ...Object.fromEntries(kept), [CSP_HEADER]: [csp] };
}
