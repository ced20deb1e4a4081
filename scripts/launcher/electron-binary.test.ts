import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateElectronBinary, type BinaryProbe } from './electron-binary';

const PKG = join('/repo', 'node_modules', 'electron');

function probe(files: Record<string, string>, installed = true): BinaryProbe {
  return {
    packageDir: () => (installed ? PKG : null),
    readText: (path) => files[path] ?? null,
    exists: (path) => path in files,
  };
}

describe('locateElectronBinary', () => {
  it('finds the binary the package recorded in path.txt', () => {
    const binary = join(PKG, 'dist', 'electron');
    expect(locateElectronBinary({}, probe({ [join(PKG, 'path.txt')]: 'electron\n', [binary]: '' }))).toBe(binary);
  });

  it('handles the macOS bundle path', () => {
    const rel = 'Electron.app/Contents/MacOS/Electron';
    const binary = join(PKG, 'dist', rel);
    expect(locateElectronBinary({}, probe({ [join(PKG, 'path.txt')]: rel, [binary]: '' }))).toBe(binary);
  });

  it('is null when the package is not installed', () => {
    expect(locateElectronBinary({}, probe({}, false))).toBeNull();
  });

  it('is null when the download never happened (no path.txt)', () => {
    expect(locateElectronBinary({}, probe({}))).toBeNull();
  });

  it('is null when path.txt points at a missing binary', () => {
    expect(locateElectronBinary({}, probe({ [join(PKG, 'path.txt')]: 'electron' }))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const binary = join('/opt/electron', 'electron');
    expect(locateElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, probe({ [binary]: '' }, false))).toBe(
      binary,
    );
    expect(locateElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/missing' }, probe({}, false))).toBeNull();
  });
});
