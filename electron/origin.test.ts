import { describe, expect, it } from 'vitest';
import { isSameOrigin, originOf } from './origin';

describe('originOf', () => {
  it('keeps scheme, host and explicit port', () => {
    expect(originOf('app://kadesk/index.html')).toBe('app://kadesk');
    expect(originOf('http://127.0.0.1:4170/api/health')).toBe('http://127.0.0.1:4170');
  });

  it('drops default ports and lowercases the host', () => {
    expect(originOf('https://Example.COM:443/x')).toBe('https://example.com');
  });

  it('returns null for unparsable or host-less URLs', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('data:text/html,<b>x</b>')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
  });
});

describe('isSameOrigin', () => {
  it('matches URLs on the same origin', () => {
    expect(isSameOrigin('app://kadesk/assets/a.js', 'app://kadesk')).toBe(true);
  });

  it('rejects look-alike hosts, other ports and other schemes', () => {
    expect(isSameOrigin('app://kadesk.evil/index.html', 'app://kadesk')).toBe(false);
    expect(isSameOrigin('app://evil/kadesk', 'app://kadesk')).toBe(false);
    expect(isSameOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isSameOrigin('https://kadesk/', 'app://kadesk')).toBe(false);
  });

  it('never matches when either side has no origin', () => {
    expect(isSameOrigin('about:blank', 'app://kadesk')).toBe(false);
    expect(isSameOrigin('app://kadesk/', 'garbage')).toBe(false);
  });
});
