import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/**
 * QQ bot webhook signatures (Ed25519). The key pair is derived from the bot secret: the
 * secret repeated until it is at least 32 bytes, cut to 32, is the Ed25519 seed. The
 * platform signs timestamp ‖ raw body; the bot signs event_ts ‖ plain_token to prove it
 * owns the callback URL.
 */
export interface QqKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const SEED_BYTES = 32;
// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), the form node:crypto imports.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function qqKeysFromSecret(secret: string): QqKeys {
  if (!secret) throw new Error('the QQ bot secret is empty');
  let seed = Buffer.from(secret, 'utf8');
  while (seed.length < SEED_BYTES) seed = Buffer.concat([seed, seed]);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed.subarray(0, SEED_BYTES)]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

const joined = (parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));

/**
 * Ed25519 over the concatenation of `parts`, hex: event_ts ‖ plain_token answers op 13;
 * timestamp ‖ body is what the platform signs (tests play the platform with it).
 */
export function qqSign(keys: QqKeys, ...parts: Array<string | Buffer>): string {
  return sign(null, joined(parts), keys.privateKey).toString('hex');
}

export function verifyEvent(keys: QqKeys, timestamp: string, body: Buffer, signatureHex: string): boolean {
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  const signature = Buffer.from(signatureHex, 'hex');
  // QQ's reference check: the top three bits of the last byte must be clear (S < 2^253).
  if (((signature[63] ?? 0) & 0xe0) !== 0) return false;
  return verify(null, joined([timestamp, body]), keys.publicKey, signature);
}
