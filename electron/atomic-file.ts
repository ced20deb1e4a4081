import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

/** A small file in the user-data folder, replaced whole. */
export interface AtomicFile {
  /** null when the file does not exist. */
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array | string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Written to a temp file and renamed over the old one, so a crash mid-write leaves the old
 * contents, never half a file; readable by the user only.
 */
export function createAtomicFile(path: string): AtomicFile {
  return {
    async read() {
      try {
        return await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(data) {
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, data, { mode: 0o600 });
      await rename(temp, path);
    },
    async remove() {
      await rm(path, { force: true });
    },
  };
}
