import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

// The built workstation is served from app://kadesk rather than file://, so it gets a real
// origin: file:// pages share one origin with every local file, and CSP 'self' and CORS
// cannot tell them apart. The server allows this origin in its CORS list.
export const APP_SCHEME = 'app';
export const APP_HOST = 'kadesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Registered before the app is ready: a standard, secure origin with fetch and CORS. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is not the app's or
 * would escape `root`. Paths without an extension are client-side routes and get index.html.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Encoded separators and NULs are never legitimate in a built asset path.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;

  const segments = pathname.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  if (last === undefined || extname(last) === '') return join(resolve(root), 'index.html');

  const base = resolve(root);
  const candidate = resolve(base, ...segments);
  const rel = relative(base, candidate);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return candidate;
}

export interface AppProtocolOptions {
  /** Folder of the built renderer (out/renderer). */
  root: string;
  /** Content-Security-Policy sent with every response. */
  csp: string;
}

function plain(status: number, text: string, csp: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp },
  });
}

/** Handler for protocol.handle(APP_SCHEME, …): static files only, read-only. */
export function createAppProtocolHandler({ root, csp }: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', csp);
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return plain(404, 'Not Found', csp);
    let body: Buffer;
    try {
      body = await readFile(filePath);
    } catch {
      return plain(404, 'Not Found', csp);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(filePath),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
