import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import type { Db } from './db/db';
import { staticSite } from './static';
import { testConfig, testDeps } from './testing/test-server';

// Serving pages never touches the database.
const noDb = {} as Db;

describe('static pages', () => {
  let dir: string;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kadesk-static-'));
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
    mkdirSync(join(dir, 'widget'), { recursive: true });
    mkdirSync(join(dir, 'form'), { recursive: true });
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>workstation</title>');
    writeFileSync(join(dir, 'renderer', 'assets', 'app-1a2b.js'), 'console.log("app")');
    writeFileSync(join(dir, 'widget', 'index.html'), '<!doctype html><title>widget</title>');
    writeFileSync(join(dir, 'form', 'index.html'), '<!doctype html><title>ticket form</title>');
    const config = testConfig({ staticDir: dir });
    built = await buildApp(testDeps(noDb, config), [staticSite(config)]);
    const empty = testConfig({ staticDir: join(dir, 'missing') });
    unbuilt = await buildApp(testDeps(noDb, empty), [staticSite(empty)]);
  });
  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });

  it('serves the workstation, its assets, the widget and the ticket form', async () => {
    expect((await get(built, '/')).body).toContain('workstation');
    const asset = await get(built, '/assets/app-1a2b.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await get(built, '/widget/')).body).toContain('widget');
    const bare = await get(built, '/widget');
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/widget/');
    expect((await get(built, '/support/')).body).toContain('ticket form');
    expect((await get(built, '/support')).headers.location).toBe('/support/');
  });

  it('answers client-side routes with the workstation shell', async () => {
    const res = await get(built, '/inbox/01HZX/conversation?tab=orders');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('workstation');
  });

  it('does not hide missing files, API routes or traversal behind the shell', async () => {
    for (const url of ['/assets/gone-9z9z.js', '/api/nothing', '/widget/missing.js', '/support/missing.js', '/support/gone', '/../package.json', '/%2e%2e/package.json']) {
      const res = await get(built, url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.body, url).not.toContain('workstation');
    }
    expect((await get(built, '/api/nothing')).json().error.code).toBe('not_found');
  });

  it('explains how to build when the pages are missing', async () => {
    for (const url of ['/', '/inbox', '/widget/', '/support/']) {
      const res = await get(unbuilt, url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('npm run build');
    }
    expect((await get(unbuilt, '/api/nothing')).statusCode).toBe(404);
  });
});
