import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Work's callback encryption (the scheme its WXBizMsgCrypt samples implement):
 * - msg_signature = hex SHA-1 of the sorted concatenation of token, timestamp, nonce, Encrypt;
 * - AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first 16 bytes;
 * - PKCS#7 padding to 32-byte blocks, not AES's 16, so OpenSSL's own padding is off;
 * - plaintext = 16 random bytes ‖ 4-byte big-endian length ‖ message ‖ ReceiveId.
 */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type WecomCryptoFailure = 'bad_base64' | 'bad_length' | 'bad_padding' | 'bad_layout' | 'wrong_receive_id';

export class WecomCryptoError extends Error {
  constructor(readonly reason: WecomCryptoFailure) {
    super(`WeChat Work message could not be decrypted: ${reason}`);
    this.name = 'WecomCryptoError';
  }
}

export class WecomCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  /** `receiveId` is the corpid for a company's own app, the suiteid for a third-party app. */
  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly receiveId: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 letters and digits');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return createHash('sha1')
      .update([this.token, timestamp, nonce, encrypted].sort().join(''))
      .digest('hex');
  }

  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted));
    const given = Buffer.from(signature.toLowerCase());
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Decrypts and checks padding, layout and ReceiveId; throws WecomCryptoError otherwise. */
  decrypt(encrypted: string): string {
    if (!BASE64.test(encrypted)) throw new WecomCryptoError('bad_base64');
    const cipherText = Buffer.from(encrypted, 'base64');
    if (cipherText.length === 0 || cipherText.length % 16 !== 0) throw new WecomCryptoError('bad_length');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(cipherText), decipher.final()]);

    const pad = padded[padded.length - 1] ?? 0;
    if (pad < 1 || pad > PAD_BLOCK || pad > padded.length) throw new WecomCryptoError('bad_padding');
    for (let i = padded.length - pad; i < padded.length; i++) {
      if (padded[i] !== pad) throw new WecomCryptoError('bad_padding');
    }
    const plain = padded.subarray(0, padded.length - pad);

    if (plain.length < HEADER_BYTES) throw new WecomCryptoError('bad_layout');
    const msgLength = plain.readUInt32BE(RANDOM_BYTES);
    if (HEADER_BYTES + msgLength > plain.length) throw new WecomCryptoError('bad_layout');
    const receiveId = plain.subarray(HEADER_BYTES + msgLength);
    if (!receiveId.equals(Buffer.from(this.receiveId))) throw new WecomCryptoError('wrong_receive_id');
    return plain.subarray(HEADER_BYTES, HEADER_BYTES + msgLength).toString('utf8');
  }

  /** `random` is fixed only by tests that reproduce published vectors. */
  encrypt(message: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random.length !== RANDOM_BYTES) throw new Error(`random prefix must be ${RANDOM_BYTES} bytes`);
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.receiveId)]);
    const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  /** Encrypts a reply and signs it, as WeChat Work expects a passive reply or a callback. */
  seal(message: string, timestamp: string, nonce: string): { encrypted: string; signature: string } {
    const encrypted = this.encrypt(message);
    return { encrypted, signature: this.signature(timestamp, nonce, encrypted) };
  }
}
