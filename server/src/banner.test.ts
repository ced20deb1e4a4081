import { describe, expect, it } from 'vitest';
import { describeDatabase, publicBaseUrl, startupBanner } from './banner';
import { DEMO_LOGINS } from './demo/seed';

describe('startup banner', () => {
  it('names the database without its password', () => {
    expect(describeDatabase({ databaseUrl: 'postgres://kadesk:s3cret@db.internal:5433/kadesk', dataDir: null })).toBe(
      'PostgreSQL kadesk@db.internal:5433/kadesk',
    );
    expect(describeDatabase({ databaseUrl: 'not a url s3cret', dataDir: null })).toBe('PostgreSQL');
    expect(describeDatabase({ databaseUrl: null, dataDir: '/srv/kadesk' })).toBe('PGlite (/srv/kadesk)');
  });

  it('shows a reachable URL for wildcard binds', () => {
    expect(publicBaseUrl('0.0.0.0', 4170)).toBe('http://localhost:4170/');
    expect(publicBaseUrl('127.0.0.1', 80)).toBe('http://127.0.0.1:80/');
    expect(publicBaseUrl('::1', 4170)).toBe('http://[::1]:4170/');
  });

  it('lists the workstation, widget and demo logins, agents as one range', () => {
    const text = startupBanner({ baseUrl: 'http://127.0.0.1:4170/', database: 'PGlite (x)', demoLogins: DEMO_LOGINS });
    expect(text).toContain('http://127.0.0.1:4170/widget/');
    expect(text).toMatch(/admin\s+kadesk-admin\s+admin/);
    expect(text).toMatch(/lead\s+kadesk-lead\s+supervisor/);
    expect(text).toMatch(/agent01 … agent12\s+kadesk-agent\s+agent/);
    expect(startupBanner({ baseUrl: 'http://h/', database: 'd', demoLogins: null })).not.toContain('kadesk-');
  });
});
