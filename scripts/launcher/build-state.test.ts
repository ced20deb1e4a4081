import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideBuildState, fileTime, newestFile } from './build-state';

describe('decideBuildState', () => {
  const outputs = [
    { path: 'out/main/index.js', mtimeMs: 2000 },
    { path: 'out/renderer/index.html', mtimeMs: 1000 },
  ];

  it('is fresh when every output is newer than every source', () => {
    expect(decideBuildState(outputs, { path: 'electron/main.ts', mtimeMs: 900 })).toEqual({ stale: false });
  });

  it('is stale when any output is missing', () => {
    expect(decideBuildState([...outputs, { path: 'out/preload/index.cjs', mtimeMs: null }], null)).toEqual({
      stale: true,
      reason: 'out/preload/index.cjs is missing',
    });
  });

  it('compares against the oldest output', () => {
    expect(decideBuildState(outputs, { path: 'renderer/src/App.tsx', mtimeMs: 1500 })).toEqual({
      stale: true,
      reason: 'renderer/src/App.tsx changed since the last build',
    });
  });
});

describe('file times', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kadesk-build-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function touch(path: string, seconds: number) {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, 'x');
    await utimes(path, seconds, seconds);
  }

  it('finds the newest source file, ignoring tests and dependencies', async () => {
    await touch(join(dir, 'src', 'a.ts'), 1000);
    await touch(join(dir, 'src', 'deep', 'b.tsx'), 3000);
    await touch(join(dir, 'src', 'deep', 'b.test.tsx'), 9000);
    await touch(join(dir, 'src', 'node_modules', 'x.js'), 9000);
    await touch(join(dir, 'config.ts'), 2000);
    expect(newestFile([join(dir, 'src'), join(dir, 'config.ts'), join(dir, 'absent')])).toEqual({
      path: join(dir, 'src', 'deep', 'b.tsx'),
      mtimeMs: 3_000_000,
    });
  });

  it('has no newest file among nothing', () => {
    expect(newestFile([join(dir, 'absent')])).toBeNull();
  });

  it('reports a missing output as null', async () => {
    await touch(join(dir, 'index.js'), 1000);
    expect(fileTime(join(dir, 'index.js')).mtimeMs).toBe(1_000_000);
    expect(fileTime(join(dir, 'nope.js')).mtimeMs).toBeNull();
  });
});
