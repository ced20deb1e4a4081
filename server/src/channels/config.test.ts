import { describe, expect, it } from 'vitest';
import { QQ_API_BASE, QQ_TOKEN_URL, qqConfigFromEnv } from './qq/config';
import { WECOM_API_BASE, wecomConfigFromEnv } from './wecom/config';

const WECOM_ENV = {
  KADESK_WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  KADESK_WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  KADESK_WECOM_CORP_ID: 'ww1436e0e65a779aee',
  KADESK_WECOM_AGENT_ID: '1000002',
  KADESK_WECOM_SECRET: 'corp-app-secret-value',
};

describe('channel settings from the environment', () => {
  it('leaves a channel off when none of its variables is set', () => {
    expect(wecomConfigFromEnv({})).toBeNull();
    expect(qqConfigFromEnv({ KADESK_QQ_APP_ID: '  ' })).toBeNull();
  });

  it('reads a complete WeChat Work configuration with the official API host by default', () => {
    expect(wecomConfigFromEnv(WECOM_ENV)).toEqual({
      token: WECOM_ENV.KADESK_WECOM_TOKEN,
      encodingAesKey: WECOM_ENV.KADESK_WECOM_ENCODING_AES_KEY,
      corpId: 'ww1436e0e65a779aee',
      agentId: '1000002',
      secret: 'corp-app-secret-value',
      apiBaseUrl: WECOM_API_BASE,
    });
    expect(wecomConfigFromEnv({ ...WECOM_ENV, KADESK_WECOM_API_BASE: 'http://127.0.0.1:8080' })?.apiBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it('names missing and malformed variables without echoing secrets', () => {
    const { KADESK_WECOM_SECRET: _secret, ...noSecret } = WECOM_ENV;
    expect(() => wecomConfigFromEnv(noSecret)).toThrow(/KADESK_WECOM_SECRET 未设置/);
    const badKey = { ...WECOM_ENV, KADESK_WECOM_ENCODING_AES_KEY: 'too-short-secret-key' };
    expect(() => wecomConfigFromEnv(badKey)).toThrow(/KADESK_WECOM_ENCODING_AES_KEY 格式不对/);
    expect(() => wecomConfigFromEnv(badKey)).not.toThrow(/too-short-secret-key/);
    expect(() => wecomConfigFromEnv({ ...WECOM_ENV, KADESK_WECOM_API_BASE: 'ftp://example.invalid' })).toThrow(/KADESK_WECOM_API_BASE/);
  });

  it('reads the QQ bot configuration with the official hosts by default', () => {
    expect(qqConfigFromEnv({ KADESK_QQ_APP_ID: '11111111', KADESK_QQ_SECRET: 'DG5g3B4j9X2KOErG' })).toEqual({
      appId: '11111111',
      secret: 'DG5g3B4j9X2KOErG',
      apiBaseUrl: QQ_API_BASE,
      tokenUrl: QQ_TOKEN_URL,
    });
    expect(() => qqConfigFromEnv({ KADESK_QQ_SECRET: 'DG5g3B4j9X2KOErG' })).toThrow(/KADESK_QQ_APP_ID 未设置/);
    expect(() => qqConfigFromEnv({ KADESK_QQ_APP_ID: 'abc', KADESK_QQ_SECRET: 'x' })).toThrow(/KADESK_QQ_APP_ID 格式不对/);
  });
});
