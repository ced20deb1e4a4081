import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_S, signCall, verifyCall } from './signature';

const SECRET = 'call-platform-secret-0001';
const BODY = Buffer.from('{"callId":"call-0001"}');
const NOW = 1_795_000_000_000;
const TS = String(NOW / 1000);

describe('call record signatures', () => {
  it('are hex HMAC-SHA256 over timestamp, a dot and the raw body', () => {
    const expected = createHmac('sha256', SECRET).update(`${TS}.{"callId":"call-0001"}`).digest('hex');
    expect(signCall(SECRET, TS, BODY)).toBe(expected);
    expect(verifyCall(SECRET, TS, BODY, expected, NOW)).toBe(true);
    expect(verifyCall(SECRET, TS, BODY, expected.toUpperCase(), NOW)).toBe(true);
  });

  it('fail for another body, secret or timestamp', () => {
    const sig = signCall(SECRET, TS, BODY);
    expect(verifyCall(SECRET, TS, Buffer.from('{"callId":"call-0002"}'), sig, NOW)).toBe(false);
    expect(verifyCall('another-secret-0000000', TS, BODY, sig, NOW)).toBe(false);
    expect(verifyCall(SECRET, String(NOW / 1000 + 1), BODY, sig, NOW)).toBe(false);
    expect(verifyCall(SECRET, TS, BODY, '', NOW)).toBe(false);
  });

  it('fail when stale or from the future, however well signed', () => {
    for (const skew of [MAX_CLOCK_SKEW_S + 1, -(MAX_CLOCK_SKEW_S + 1)]) {
      const ts = String(NOW / 1000 - skew);
      expect(verifyCall(SECRET, ts, BODY, signCall(SECRET, ts, BODY), NOW)).toBe(false);
    }
    expect(verifyCall(SECRET, '1e9', BODY, signCall(SECRET, '1e9', BODY), NOW)).toBe(false);
  });
});
