import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  const production = directives(buildContentSecurityPolicy({ serverUrl: 'http://127.0.0.1:4170' }));

  it('is strict in production', () => {
    expect(production.get('default-src')).toEqual(["'self'"]);
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('style-src')).toEqual(["'self'"]);
    expect(production.get('img-src')).toEqual(["'self'", 'data:']);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the renderer reach the server over HTTP and WebSocket only', () => {
    expect(production.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4170', 'ws://127.0.0.1:4170']);
    const tls = directives(buildContentSecurityPolicy({ serverUrl: 'https://desk.example.com/kadesk' }));
    expect(tls.get('connect-src')).toEqual(["'self'", 'https://desk.example.com', 'wss://desk.example.com']);
  });

  it('never allows unsafe-eval, and inline code only for the dev server', () => {
    const prodText = buildContentSecurityPolicy({ serverUrl: 'http://127.0.0.1:4170' });
    expect(prodText).not.toContain('unsafe');
    const dev = directives(
      buildContentSecurityPolicy({ serverUrl: 'http://127.0.0.1:4170', devServerOrigin: 'http://localhost:5173' }),
    );
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toContain('ws://localhost:5173');
    expect([...dev.values()].flat()).not.toContain("'unsafe-eval'");
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces an existing policy whatever its header case', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ["default-src *"],
        'Content-Security-Policy-Report-Only': ['default-src *'],
        'Content-Type': ['text/html'],
      },
      "default-src 'self'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds the policy when the response had no headers', () => {
    expect(withContentSecurityPolicy(undefined, "default-src 'self'")).toEqual({
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });
});
