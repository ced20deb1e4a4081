import { describe, expect, it } from 'vitest';
import { toSafeExternalUrl } from './external-links';

describe('toSafeExternalUrl', () => {
  it('accepts http and https links and normalises them', () => {
    expect(toSafeExternalUrl('https://help.example.com/kb?q=卡密')).toBe('https://help.example.com/kb?q=%E5%8D%A1%E5%AF%86');
    expect(toSafeExternalUrl('HTTP://Example.com')).toBe('http://example.com/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'smb://host/share',
    'kadesk://ticket/1',
    'app://kadesk/index.html',
    'ms-msdt:/id PCWDiagnostic',
    '/relative/path',
    '',
  ])('rejects %s', (url) => {
    expect(toSafeExternalUrl(url)).toBeNull();
  });

  it('rejects URLs that carry credentials', () => {
    expect(toSafeExternalUrl('https://bank.example.com@evil.example/')).toBeNull();
    expect(toSafeExternalUrl('https://user:pw@example.com/')).toBeNull();
  });

  it('rejects non-strings and oversized input', () => {
    expect(toSafeExternalUrl(42)).toBeNull();
    expect(toSafeExternalUrl(null)).toBeNull();
    expect(toSafeExternalUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
  });
});
