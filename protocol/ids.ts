// Sortable, collision-resistant ids (ULID layout: 48-bit ms time + 80 random bits,
// Crockford base32). Clients mint ids for rows they create so that a retried push
// refers to the same row and lands exactly once.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function newId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return encodeTime(now) + rand;
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
