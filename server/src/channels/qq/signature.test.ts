import { describe, expect, it } from 'vitest';
import { qqKeysFromSecret, qqSign, verifyEvent } from './signature';

// Published in the QQ bot documentation (tencent-connect/bot-docs):
// 安全和授权 (interface-framework/sign.md) and 事件订阅与通知 (interface-framework/event-emit.md).
const DOC_SECRET = 'naOC0ocQE3shWLAfffVLB1rhYPG7';
const DOC_PUBLIC_KEY = [
  215, 195, 98, 254, 120, 174, 248, 31, 242, 50, 135, 180, 147, 98, 139, 93, 176, 42, 60, 79, 227, 11, 33, 94, 77, 25, 96, 155, 93, 118, 103, 58,
];
const DOC_TIMESTAMP = '1725442341';
// The page renders this body on one line; the signature is over the pretty-printed original.
const DOC_BODY = '{\n  "op": 0,\n  "d": {},\n  "t": "GATEWAY_EVENT_NAME"\n}';
const DOC_SIGNATURE =
  '865ad13a61752ca65e26bde6676459cd36cf1be609375b37bd62af366e1dc25a8dc789ba7f14e017ada3d554c671a911bfdf075ba54835b23391d509579ed002';
const VALIDATION = {
  secret: 'DG5g3B4j9X2KOErG',
  plainToken: 'Arq0D5A61EgUu4OxUvOp',
  eventTs: '1725442341',
  signature:
    '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
};

const rawPublicKey = (secret: string) => [...qqKeysFromSecret(secret).publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)];

describe('QQ bot webhook signatures', () => {
  it('derives the documented key pair from the bot secret', () => {
    expect(rawPublicKey(DOC_SECRET)).toEqual(DOC_PUBLIC_KEY);
  });

  it('verifies the documented event signature', () => {
    expect(verifyEvent(qqKeysFromSecret(DOC_SECRET), DOC_TIMESTAMP, Buffer.from(DOC_BODY), DOC_SIGNATURE)).toBe(true);
  });

  it('answers the documented op 13 validation', () => {
    const keys = qqKeysFromSecret(VALIDATION.secret);
    expect(qqSign(keys, VALIDATION.eventTs, VALIDATION.plainToken)).toBe(VALIDATION.signature);
  });

  it('treats a secret of 32 bytes or more as its own seed', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
    expect(rawPublicKey(long)).toEqual(rawPublicKey(long.slice(0, 32)));
    expect(rawPublicKey('ab')).toEqual(rawPublicKey('ab'.repeat(16)));
    expect(() => qqKeysFromSecret('')).toThrow();
  });

  it('rejects a changed body, timestamp, signature or key', () => {
    const keys = qqKeysFromSecret(DOC_SECRET);
    const body = Buffer.from(DOC_BODY);
    expect(verifyEvent(keys, DOC_TIMESTAMP, Buffer.from(DOC_BODY.replace('0', '1')), DOC_SIGNATURE)).toBe(false);
    expect(verifyEvent(keys, '1725442342', body, DOC_SIGNATURE)).toBe(false);
    expect(verifyEvent(keys, DOC_TIMESTAMP, body, `1${DOC_SIGNATURE.slice(1)}`)).toBe(false);
    expect(verifyEvent(keys, DOC_TIMESTAMP, body, DOC_SIGNATURE.slice(2))).toBe(false);
    expect(verifyEvent(keys, DOC_TIMESTAMP, body, 'zz'.repeat(64))).toBe(false);
    expect(verifyEvent(qqKeysFromSecret('another secret'), DOC_TIMESTAMP, body, DOC_SIGNATURE)).toBe(false);
  });

  it('rejects a signature with the high bits of S set, as QQ’s reference check does', () => {
    const keys = qqKeysFromSecret(DOC_SECRET);
    const sig = Buffer.from(DOC_SIGNATURE, 'hex');
    sig[63] = (sig[63] ?? 0) | 0x80;
    expect(verifyEvent(keys, DOC_TIMESTAMP, Buffer.from(DOC_BODY), sig.toString('hex'))).toBe(false);
  });

  it('round-trips what it signs as the platform would', () => {
    const keys = qqKeysFromSecret(DOC_SECRET);
    const body = Buffer.from('{"op":0,"d":{"id":"1"},"t":"C2C_MESSAGE_CREATE"}');
    expect(verifyEvent(keys, '1700000000', body, qqSign(keys, '1700000000', body))).toBe(true);
  });
});
