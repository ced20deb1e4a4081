import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WecomCrypto, WecomCryptoError } from './crypto';

// Published vectors, from Tencent's WeChat Work callback samples (weworkapi_python,
// callback/Sample.py): URL check and a decrypted message.
const SAMPLE = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  corpId: 'ww1436e0e65a779aee',
  urlCheck: {
    msgSignature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
    timestamp: '1476416373',
    nonce: '47744683',
    echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    plain: '1288432023552776189',
  },
  message: {
    msgSignature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
    timestamp: '1476422779',
    nonce: '1597212914',
    encrypt:
      'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
    plain:
      '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
  },
};

// A deterministic encryption vector (fixed 16-byte random prefix), from the WXBizMsgCryptTest
// of Tencent's WeChat official-account crypto demo, which uses the same scheme.
const FIXED = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  receiveId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  plain: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

const sample = () => new WecomCrypto(SAMPLE.token, SAMPLE.encodingAesKey, SAMPLE.corpId);

/** AES-256-CBC over an arbitrary padded plaintext, to build ciphertexts the sender would never make. */
function rawEncrypt(encodingAesKey: string, padded: Buffer): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

function layout(msg: string, receiveId: string, declaredLength = Buffer.byteLength(msg)): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(declaredLength);
  return Buffer.concat([Buffer.alloc(16, 7), len, Buffer.from(msg), Buffer.from(receiveId)]);
}

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof WecomCryptoError) return err.reason;
    throw err;
  }
  return 'no error';
};

describe('WeChat Work callback crypto', () => {
  it('reproduces the official URL-check signature and decrypts its echostr', () => {
    const c = sample();
    const { msgSignature, timestamp, nonce, echostr, plain } = SAMPLE.urlCheck;
    expect(c.signature(timestamp, nonce, echostr)).toBe(msgSignature);
    expect(c.verify(msgSignature, timestamp, nonce, echostr)).toBe(true);
    expect(c.decrypt(echostr)).toBe(plain);
  });

  it('verifies and decrypts the official sample message', () => {
    const c = sample();
    const { msgSignature, timestamp, nonce, encrypt, plain } = SAMPLE.message;
    expect(c.verify(msgSignature, timestamp, nonce, encrypt)).toBe(true);
    expect(c.decrypt(encrypt)).toBe(plain);
  });

  it('matches the published deterministic encryption and decrypts it back', () => {
    const c = new WecomCrypto('pamtest', FIXED.encodingAesKey, FIXED.receiveId);
    expect(c.encrypt(FIXED.plain, Buffer.from(FIXED.random))).toBe(FIXED.encrypted);
    expect(c.decrypt(FIXED.encrypted)).toBe(FIXED.plain);
  });

  it('signs like an independent SHA-1 over the sorted parts', () => {
    const parts = ['tok', '1700000000', 'nonce-1', 'ENCRYPTED+/='];
    const c = new WecomCrypto(parts[0] as string, SAMPLE.encodingAesKey, SAMPLE.corpId);
    const independent = createHash('sha1').update([...parts].sort().join('')).digest('hex');
    expect(c.signature('1700000000', 'nonce-1', 'ENCRYPTED+/=')).toBe(independent);
  });

  it('round-trips replies of every length across the 32-byte padding boundaries', () => {
    const c = sample();
    for (let n = 0; n < 80; n++) {
      const msg = '回'.repeat(n % 7) + 'x'.repeat(n);
      const encrypted = c.encrypt(msg);
      expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
      expect(c.decrypt(encrypted)).toBe(msg);
    }
    const sealed = c.seal('<xml>reply</xml>', '1700000000', 'n1');
    expect(c.verify(sealed.signature, '1700000000', 'n1', sealed.encrypted)).toBe(true);
  });

  it('rejects a tampered signature, timestamp, nonce or ciphertext', () => {
    const c = sample();
    const { msgSignature, timestamp, nonce, encrypt } = SAMPLE.message;
    expect(c.verify(msgSignature.replace(/^0/, '1'), timestamp, nonce, encrypt)).toBe(false);
    expect(c.verify(msgSignature, '1476422780', nonce, encrypt)).toBe(false);
    expect(c.verify(msgSignature, timestamp, '1597212915', encrypt)).toBe(false);
    expect(c.verify(msgSignature, timestamp, nonce, `A${encrypt.slice(1)}`)).toBe(false);
    expect(c.verify('', timestamp, nonce, encrypt)).toBe(false);
    expect(new WecomCrypto('another', SAMPLE.encodingAesKey, SAMPLE.corpId).verify(msgSignature, timestamp, nonce, encrypt)).toBe(false);
  });

  it('refuses a message for another ReceiveId', () => {
    const other = new WecomCrypto(SAMPLE.token, SAMPLE.encodingAesKey, 'ww0000000000000000');
    expect(reason(() => other.decrypt(SAMPLE.message.encrypt))).toBe('wrong_receive_id');
    expect(reason(() => other.decrypt(sample().encrypt('hi')))).toBe('wrong_receive_id');
  });

  it('refuses bad padding, a lying length and malformed base64', () => {
    const c = sample();
    const key = SAMPLE.encodingAesKey;
    const body = layout('hello', SAMPLE.corpId); // 43 bytes: 21 bytes of padding make 64
    const pad = (n: number, value = n) => Buffer.concat([body, Buffer.alloc(n, value)]);
    expect(c.decrypt(rawEncrypt(key, pad(21)))).toBe('hello');
    expect(reason(() => c.decrypt(rawEncrypt(key, Buffer.concat([body, Buffer.alloc(20, 21), Buffer.from([0])]))))).toBe('bad_padding');
    expect(reason(() => c.decrypt(rawEncrypt(key, Buffer.concat([body, Buffer.alloc(20, 20), Buffer.from([21])]))))).toBe('bad_padding');
    // A pad byte above the 32-byte block is invalid even where the bytes agree.
    expect(reason(() => c.decrypt(rawEncrypt(key, Buffer.concat([body.subarray(0, 31), Buffer.alloc(33, 33)]))))).toBe('bad_padding');
    const lying = Buffer.concat([layout('hello', SAMPLE.corpId, 500), Buffer.alloc(21, 21)]);
    expect(reason(() => c.decrypt(rawEncrypt(key, lying)))).toBe('bad_layout');
    expect(reason(() => c.decrypt('not base64!'))).toBe('bad_base64');
    expect(reason(() => c.decrypt(Buffer.alloc(20).toString('base64')))).toBe('bad_length');
  });

  it('refuses an EncodingAESKey that is not 43 characters', () => {
    expect(() => new WecomCrypto('t', 'short', 'corp')).toThrow(/43/);
  });
});
