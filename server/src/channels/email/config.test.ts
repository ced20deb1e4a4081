import { describe, expect, it } from 'vitest';
import { emailConfigFromEnv } from './config';

describe('email settings from the environment', () => {
  it('is off until configured, and listens on loopback by default', () => {
    expect(emailConfigFromEnv({})).toBeNull();
    expect(emailConfigFromEnv({ KADESK_SUPPORT_ADDRESSES: ' Support@Example.com, refund@example.com ' })).toEqual({
      supportAddresses: ['support@example.com', 'refund@example.com'],
      smtpHost: '127.0.0.1',
      smtpPort: 2525,
      maxMessageBytes: 25 * 1024 * 1024,
      outUrl: 'smtp://127.0.0.1:25',
    });
  });

  it('names what is missing or malformed without echoing secrets', () => {
    expect(() => emailConfigFromEnv({ KADESK_SMTP_PORT: '2525' })).toThrow(/KADESK_SUPPORT_ADDRESSES 未设置/);
    const base = { KADESK_SUPPORT_ADDRESSES: 'support@example.com' };
    expect(() => emailConfigFromEnv({ ...base, KADESK_SUPPORT_ADDRESSES: 'not-an-address' })).toThrow(/KADESK_SUPPORT_ADDRESSES 格式不对/);
    expect(() => emailConfigFromEnv({ ...base, KADESK_SMTP_PORT: '70000' })).toThrow(/KADESK_SMTP_PORT 格式不对/);
    expect(() => emailConfigFromEnv({ ...base, KADESK_SMTP_OUT_URL: 'http://relay.example.com' })).toThrow(/KADESK_SMTP_OUT_URL 格式不对/);
    const halfAuth = { ...base, KADESK_SMTP_AUTH_USER: 'relay' };
    expect(() => emailConfigFromEnv(halfAuth)).toThrow(/KADESK_SMTP_AUTH_PASSWORD/);
    expect(() => emailConfigFromEnv({ ...base, KADESK_SMTP_AUTH_PASSWORD: 'relay-secret-0001' })).toThrow(/KADESK_SMTP_AUTH_USER/);
    expect(() => emailConfigFromEnv({ ...base, KADESK_SMTP_AUTH_PASSWORD: 'relay-secret-0001' })).not.toThrow(/relay-secret-0001/);
    expect(() => emailConfigFromEnv({ ...base, KADESK_SMTP_TLS_KEY: '/etc/kadesk/key.pem' })).toThrow(/KADESK_SMTP_TLS_CERT/);
  });
});
