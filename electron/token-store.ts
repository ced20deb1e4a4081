import { createAtomicFile } from './atomic-file';

/** OS-backed encryption (Electron's safeStorage in the app). */
export interface TokenCipher {
  isAvailable(): Promise<boolean>;
  encrypt(plainText: string): Promise<Uint8Array>;
  /** `reEncrypt` is set when the OS rotated its key and the data should be written again. */
  decrypt(data: Uint8Array): Promise<{ plainText: string; reEncrypt: boolean }>;
}

/** Where the encrypted token lives between runs. */
export interface TokenFile {
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array): Promise<void>;
  remove(): Promise<void>;
}

export interface TokenStore {
  get(): Promise<string | null>;
  set(token: string | null): Promise<void>;
}

export type TokenLog = (message: string) => void;

/**
 * On Linux without a keyring safeStorage falls back to `basic_text`, a fixed key compiled
 * into Chromium: that is obfuscation, not encryption, so it counts as unavailable.
 */
export function isStrongStorageBackend(platform: NodeJS.Platform, linuxBackend: string | null): boolean {
  if (platform !== 'linux') return true;
  return linuxBackend !== null && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}

/**
 * The session token: held in memory, persisted only encrypted. When the OS cannot encrypt,
 * the token lives for this run only and the agent signs in again next time. Log messages
 * never include the token.
 */
export function createTokenStore(cipher: TokenCipher, file: TokenFile, log: TokenLog): TokenStore {
  // null until the first read or write; then the current token, which disk never overrides.
  let state: { token: string | null } | null = null;
  let loading: Promise<string | null> | null = null;
  // Disk work runs one step at a time so a slow encrypt cannot overwrite a newer token.
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  }

  async function load(): Promise<string | null> {
    if (!(await cipher.isAvailable())) return null;
    const data = await file.read();
    if (data === null) return null;
    let result: { plainText: string; reEncrypt: boolean };
    try {
      result = await cipher.decrypt(data);
    } catch {
      log('Stored session token could not be decrypted (OS key changed?); discarding it');
      await file.remove();
      return null;
    }
    if (result.reEncrypt) await file.write(await cipher.encrypt(result.plainText));
    return result.plainText;
  }

  async function persist(token: string | null): Promise<void> {
    if (token === null) {
      await file.remove();
      return;
    }
    if (await cipher.isAvailable()) {
      await file.write(await cipher.encrypt(token));
      return;
    }
    log('OS encryption is unavailable: the session token is kept in memory only and not written to disk');
    // A token stored by an earlier run is no longer the current one.
    await file.remove();
  }

  return {
    async get() {
      if (state) return state.token;
      loading ??= enqueue(load).catch((error: unknown) => {
        log(`Could not read the stored session token: ${describe(error)}`);
        return null;
      });
      const stored = await loading;
      state ??= { token: stored };
      return state.token;
    },
    async set(token) {
      state = { token };
      await enqueue(() => persist(token)).catch((error: unknown) => {
        log(`Could not store the session token, keeping it in memory: ${describe(error)}`);
      });
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A token file written atomically (temp file + rename), readable by the user only. */
export function createTokenFile(path: string): TokenFile {
  return createAtomicFile(path);
}
