import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from './app-protocol';

const ROOT = join(tmpdir(), 'kadesk-renderer-root');

describe('resolveAppPath', () => {
  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath(ROOT, 'app://kadesk/assets/index-abc.js')).toBe(join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppPath(ROOT, 'app://kadesk/fonts/%E5%AD%97.woff2')).toBe(join(ROOT, 'fonts', '字.woff2'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAppPath(ROOT, 'app://kadesk/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://kadesk/inbox/42?tab=orders#reply')).toBe(join(ROOT, 'index.html'));
  });

  it.each([
    'app://kadesk/../secret.txt',
    'app://kadesk/%2e%2e/secret.txt',
    'app://kadesk/assets/..%2F..%2Fsecret.txt',
    'app://kadesk/..%5C..%5Csecret.txt',
    'app://kadesk/a.js%00.png',
    'app://kadesk/%E0%A4%A',
  ])('refuses to leave the root: %s', (url) => {
    const resolved = resolveAppPath(ROOT, url);
    if (resolved !== null) expect(resolved.startsWith(ROOT + sep)).toBe(true);
  });

  it('returns null for encoded traversal, encoded backslashes and bad encoding', () => {
    expect(resolveAppPath(ROOT, 'app://kadesk/assets/..%2F..%2Fsecret.txt')).toBeNull();
    expect(resolveAppPath(ROOT, 'app://kadesk/..%5Csecret.txt')).toBeNull();
    expect(resolveAppPath(ROOT, 'app://kadesk/%E0%A4%A')).toBeNull();
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath(ROOT, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(ROOT, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppPath(ROOT, 'not a url')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the asset types vite emits', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  let root: string;
  const csp = "default-src 'self'";

  beforeAll(async () => {
    const parent = await mkdtemp(join(tmpdir(), 'kadesk-app-protocol-'));
    root = join(parent, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Kadesk</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(parent, 'secret.txt'), 'token');
  });

  afterAll(async () => {
    await rm(join(root, '..'), { recursive: true, force: true });
  });

  it('serves files with their type and the CSP', async () => {
    const handle = createAppProtocolHandler({ root, csp });
    const res = await handle(new Request('app://kadesk/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with index.html', async () => {
    const res = await createAppProtocolHandler({ root, csp })(new Request('app://kadesk/tickets/7'));
    expect(await res.text()).toContain('<title>Kadesk</title>');
  });

  it('answers 404 for missing files and traversal attempts, never the file outside', async () => {
    const handle = createAppProtocolHandler({ root, csp });
    expect((await handle(new Request('app://kadesk/assets/missing.js'))).status).toBe(404);
    const escape = await handle(new Request('app://kadesk/assets/..%2F..%2Fsecret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('token');
  });

  it('is read-only', async () => {
    const res = await createAppProtocolHandler({ root, csp })(
      new Request('app://kadesk/index.html', { method: 'POST', body: 'x' }),
    );
    expect(res.status).toBe(405);
  });
});
