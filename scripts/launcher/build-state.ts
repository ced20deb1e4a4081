import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FileTime {
  path: string;
  mtimeMs: number;
}

export type BuildState = { stale: false } | { stale: true; reason: string };

/** The build is stale when an output is missing or a source changed after the oldest output. */
export function decideBuildState(outputs: { path: string; mtimeMs: number | null }[], newestSource: FileTime | null): BuildState {
  const missing = outputs.find((output) => output.mtimeMs === null);
  if (missing) return { stale: true, reason: `${missing.path} is missing` };
  if (newestSource === null) return { stale: false };
  const oldest = Math.min(...outputs.map((output) => output.mtimeMs ?? 0));
  if (newestSource.mtimeMs > oldest) return { stale: true, reason: `${newestSource.path} changed since the last build` };
  return { stale: false };
}

export function fileTime(path: string): { path: string; mtimeMs: number | null } {
  try {
    return { path, mtimeMs: statSync(path).mtimeMs };
  } catch {
    return { path, mtimeMs: null };
  }
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);
// Tests are not part of the build; editing one should not trigger a rebuild.
const isTestFile = (name: string) => /\.test\.[cm]?[jt]sx?$/.test(name);

/** The most recently modified file among `paths` (files or folders, searched recursively). */
export function newestFile(paths: string[]): FileTime | null {
  let newest: FileTime | null = null;
  const visit = (path: string) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isDirectory() ? SKIPPED_DIRS.has(entry.name) : isTestFile(entry.name)) continue;
        visit(join(path, entry.name));
      }
    } else if (newest === null || stats.mtimeMs > newest.mtimeMs) {
      newest = { path, mtimeMs: stats.mtimeMs };
    }
  };
  paths.forEach(visit);
  return newest;
}
