import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

// Stored form: scrypt$<log2 N>$<r>$<p>$<salt base64url>$<hash base64url>. Parameters travel
// with each hash so that they can be raised later without invalidating existing passwords.
const SCHEME = 'scrypt';
const LOG_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Refuse stored parameters beyond this so that a tampered row cannot make a login eat the machine.
const MAX_LOG_N = 20;

function derive(password: string, salt: Buffer, keyBytes: number, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  // scrypt needs about 128·N·r bytes plus overhead; Node's default 32 MiB ceiling is too tight at N=2^15, r=8.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, LOG_N, BLOCK_SIZE, PARALLELISM);
  return [SCHEME, LOG_N, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison; a malformed stored hash verifies nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const sane =
    [logN, r, p].every((n) => Number.isInteger(n) && n > 0) && logN <= MAX_LOG_N && r <= 32 && p <= 16;
  if (!sane || salt.length === 0 || expected.length < 16) return false;
  const actual = await derive(password, salt, expected.length, logN, r, p);
  return timingSafeEqual(actual, expected);
}
