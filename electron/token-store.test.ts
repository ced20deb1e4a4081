import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenFile, createTokenStore, isStrongStorageBackend, type TokenCipher, type TokenFile } from './token-store';

const TOKEN = 'kds_secret_token_123';

/** Reversible stand-in for safeStorage: enough to tell encrypted bytes from plain text. */
function fakeCipher(available = true): TokenCipher & { available: boolean; rotated: boolean } {
  const cipher = {
    available,
    rotated: false,
    isAvailable: async () => cipher.available,
    encrypt: async (plainText: string) => Buffer.from(`enc:${Buffer.from(plainText).toString('base64')}`),
    decrypt: async (data: Uint8Array) => {
      const text = Buffer.from(data).toString();
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return { plainText: Buffer.from(text.slice(4), 'base64').toString(), reEncrypt: cipher.rotated };
    },
  };
  return cipher;
}

function memoryFile(initial: Uint8Array | null = null): TokenFile & { data: Uint8Array | null; writes: number } {
  const file = {
    data: initial,
    writes: 0,
    read: async () => file.data,
    write: async (data: Uint8Array) => {
      file.writes += 1;
      file.data = data;
    },
    remove: async () => {
      file.data = null;
    },
  };
  return file;
}

describe('createTokenStore', () => {
  it('persists only ciphertext and reads it back in a later run', async () => {
    const cipher = fakeCipher();
    const file = memoryFile();
    await createTokenStore(cipher, file, () => {}).set(TOKEN);
    expect(Buffer.from(file.data!).toString()).not.toContain(TOKEN);
    expect(await createTokenStore(cipher, file, () => {}).get()).toBe(TOKEN);
  });

  it('keeps the token in memory only when encryption is unavailable, and says so', async () => {
    const logs: string[] = [];
    const file = memoryFile(Buffer.from('enc:b2xk'));
    const store = createTokenStore(fakeCipher(false), file, (m) => logs.push(m));
    await store.set(TOKEN);
    expect(await store.get()).toBe(TOKEN);
    expect(file.data).toBeNull();
    expect(file.writes).toBe(0);
    expect(logs.join('\n')).toMatch(/memory only/);
    expect(await createTokenStore(fakeCipher(false), file, () => {}).get()).toBeNull();
  });

  it('clears memory and disk on sign-out', async () => {
    const file = memoryFile();
    const store = createTokenStore(fakeCipher(), file, () => {});
    await store.set(TOKEN);
    await store.set(null);
    expect(await store.get()).toBeNull();
    expect(file.data).toBeNull();
  });

  it('discards a token it can no longer decrypt', async () => {
    const logs: string[] = [];
    const file = memoryFile(Buffer.from('garbage'));
    expect(await createTokenStore(fakeCipher(), file, (m) => logs.push(m)).get()).toBeNull();
    expect(file.data).toBeNull();
    expect(logs).toHaveLength(1);
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const cipher = fakeCipher();
    const file = memoryFile(await cipher.encrypt(TOKEN));
    cipher.rotated = true;
    expect(await createTokenStore(cipher, file, () => {}).get()).toBe(TOKEN);
    expect(file.writes).toBe(1);
  });

  it('never lets the stored token override one set while it was loading', async () => {
    const cipher = fakeCipher();
    const file = memoryFile(await cipher.encrypt('old-token'));
    const store = createTokenStore(cipher, file, () => {});
    const reading = store.get();
    const writing = store.set(TOKEN);
    expect(await reading).toBe(TOKEN);
    await writing;
    expect(await createTokenStore(cipher, file, () => {}).get()).toBe(TOKEN);
  });

  it('writes tokens in the order they were set', async () => {
    const cipher = fakeCipher();
    const slow: TokenCipher = {
      ...cipher,
      encrypt: async (t: string) => {
        if (t === 'first') await new Promise((r) => setTimeout(r, 20));
        return cipher.encrypt(t);
      },
    };
    const file = memoryFile();
    const store = createTokenStore(slow, file, () => {});
    await Promise.all([store.set('first'), store.set('second')]);
    expect(await createTokenStore(cipher, file, () => {}).get()).toBe('second');
  });

  it('keeps working in memory when the disk fails, without logging the token', async () => {
    const logs: string[] = [];
    const file = memoryFile();
    file.write = async () => {
      throw new Error('EACCES: permission denied');
    };
    const store = createTokenStore(fakeCipher(), file, (m) => logs.push(m));
    await store.set(TOKEN);
    expect(await store.get()).toBe(TOKEN);
    expect(logs).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('isStrongStorageBackend', () => {
  it('trusts the OS keychains on Windows and macOS', () => {
    expect(isStrongStorageBackend('win32', null)).toBe(true);
    expect(isStrongStorageBackend('darwin', null)).toBe(true);
  });

  it('accepts Linux keyrings but not the basic_text fallback', () => {
    expect(isStrongStorageBackend('linux', 'gnome_libsecret')).toBe(true);
    expect(isStrongStorageBackend('linux', 'kwallet6')).toBe(true);
    expect(isStrongStorageBackend('linux', 'basic_text')).toBe(false);
    expect(isStrongStorageBackend('linux', 'unknown')).toBe(false);
  });
});

describe('createTokenFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kadesk-token-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads null before anything was written', async () => {
    expect(await createTokenFile(join(dir, 'session.bin')).read()).toBeNull();
  });

  it('writes atomically with owner-only permissions and removes idempotently', async () => {
    const path = join(dir, 'session.bin');
    const file = createTokenFile(path);
    await file.write(Buffer.from('cipher'));
    expect((await readFile(path)).toString()).toBe('cipher');
    expect(await readdir(dir)).toEqual(['session.bin']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    await file.remove();
    await file.remove();
    expect(await file.read()).toBeNull();
  });
});
