import { createHmac } from 'node:crypto';
import { equalSecrets } from '../constant-time';

export const SIGNATURE_HEADER = 'x-kadesk-signature';
export const TIMESTAMP_HEADER = 'x-kadesk-timestamp';
/** Signed requests older (or further ahead) than this are refused as replays. */
export const MAX_CLOCK_SKEW_S = 300;

/** hex(HMAC-SHA256(secret, timestamp + "." + raw body)): what the call platform sends in X-Kadesk-Signature. */
export function signCall(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** Whether `signature` signs this timestamp and body; `now` in ms. */
export function verifyCall(secret: string, timestamp: string, body: Buffer, signature: string, now = Date.now()): boolean {
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return false;
  return equalSecrets(signature.trim().toLowerCase(), signCall(secret, timestamp, body));
}
