import { join } from 'node:path';

export interface BinaryProbe {
  /** Folder of the installed `electron` package, or null when it is not installed. */
  packageDir(): string | null;
  readText(path: string): string | null;
  exists(path: string): boolean;
}

/**
 * Path of the Electron executable, or null when it is not there. This repeats what the
 * `electron` package's index.js computes instead of requiring it: on a missing binary that
 * module starts a download, which cannot succeed offline and would stall the launcher.
 */
export function locateElectronBinary(env: Record<string, string | undefined>, probe: BinaryProbe): string | null {
  const dir = probe.packageDir();
  const executable = dir === null ? null : probe.readText(join(dir, 'path.txt'))?.trim() || null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let candidate: string | null = null;
  if (override) candidate = join(override, executable ?? 'electron');
  else if (dir !== null && executable !== null) candidate = join(dir, 'dist', executable);
  return candidate !== null && probe.exists(candidate) ? candidate : null;
}
