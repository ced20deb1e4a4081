import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceReport } from '../../../protocol/reports';
import { verifyAllTickets } from '../audit/store';
import { createTestServer, type TestServer } from '../testing/test-server';
import { chinaDay } from './period';

// The demo workspace is what a new team sees first: its last 30 days must make every chart say something.
describe('the demo workspace’s report', () => {
  let s: TestServer;
  let r: ServiceReport;
  beforeAll(async () => {
    s = await createTestServer({ demo: true });
    const token = await s.login('lead', 'kadesk-lead');
    const now = Date.now();
    const url = `/api/reports/service?from=${chinaDay(now - 29 * 86_400_000)}&to=${chinaDay(now)}`;
    const res = await s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    r = res.json<ServiceReport>();
  });
  afterAll(() => s.close());

  it('has volume on most days, across categories and channels', () => {
    expect(r.volume.total).toBeGreaterThan(150);
    expect(r.volume.byCategory.length).toBeGreaterThanOrEqual(10);
    expect(r.volume.byChannel).toHaveLength(6);
    expect(r.volume.byDay.filter((d) => d.total > 0).length).toBeGreaterThan(20);
  });

  it('has response and resolution times, SLA results under several policies and first-contact resolutions', () => {
    const { firstResponse, resolution } = r.times;
    expect(firstResponse.count).toBeGreaterThan(100);
    expect(firstResponse.p50!).toBeLessThan(firstResponse.p90!);
    expect(resolution.count).toBeGreaterThan(100);
    expect(r.sla.byPolicy.length).toBeGreaterThanOrEqual(4);
    expect(r.sla.overall.met).toBeGreaterThan(0);
    expect(r.sla.overall.breached).toBeGreaterThan(0);
    expect(r.firstContactResolution.rate!).toBeGreaterThan(0.2);
    expect(r.firstContactResolution.rate!).toBeLessThan(0.9);
  });

  it('has answered surveys, repeat contacts and compensation with supplier liability', () => {
    expect(r.csat.answered).toBeGreaterThan(30);
    expect(r.csat.distribution.every((n) => n > 0)).toBe(true);
    expect(r.repeatContacts.repeats).toBeGreaterThanOrEqual(3);
    expect(r.compensation.count).toBeGreaterThan(10);
    expect(r.compensation.byLiability.map((l) => l.key)).toEqual(['platform', 'supplier']);
    expect(r.compensation.bySupplier.length).toBeGreaterThanOrEqual(2);
  });

  it('records the resolutions in intact audit chains', async () => {
    const verdicts = await verifyAllTickets(s.db);
    expect(verdicts.length).toBeGreaterThan(300);
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
  });
});
