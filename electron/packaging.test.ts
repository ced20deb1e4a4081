// electron-builder.yml checked against electron-builder's own schema and for what the
// desktop shell relies on: the targets per OS, the kadesk:// scheme and the update feed.
import { readFile } from 'node:fs/promises';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEEP_LINK_SCHEME } from './deep-link';

interface BuilderConfig {
  appId: string;
  electronVersion: string;
  protocols: Array<{ schemes: string[] }>;
  win: { target: string[] };
  mac: { target: string[] };
  linux: { target: string[] };
  publish: { provider: string; url: string };
}

async function load(): Promise<BuilderConfig> {
  return parse(await readFile('electron-builder.yml', 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  // Loading electron-builder's JSON schema takes a few seconds on a busy machine.
  it('is a valid electron-builder configuration', { timeout: 60_000 }, async () => {
    const config = await load();
    const validate = (c: unknown) => validateConfiguration(c as never, new DebugLogger(false));
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, mac: { ...config.mac, dmgTitle: 'x' } })).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds NSIS for Windows, dmg and zip for macOS, AppImage and deb for Linux', async () => {
    const config = await load();
    expect(config.win.target).toEqual(['nsis']);
    // electron-updater updates a Mac from the zip.
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('declares the deep-link scheme the main process parses', async () => {
    const config = await load();
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME]);
  });

  it('publishes to a generic feed whose URL is set per release', async () => {
    const config = await load();
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.KADESK_UPDATE_URL}' });
  });

  it('names the Electron version package.json depends on', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { optionalDependencies: { electron: string } };
    expect(pkg.optionalDependencies.electron.replace(/^\D+/, '')).toBe((await load()).electronVersion);
  });
});
