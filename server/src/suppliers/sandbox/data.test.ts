import { describe, expect, it } from 'vitest';
import { hash, inventoryOf, replacementCode, wireDistribution, wireKey } from './data';
import { PRESETS, scenarioOf, step } from './scenarios';

const key = {
  code: 'ABCD-EFGH-JKLM-7Q2M',
  state: 'redeemed' as const,
  orderId: 'DD202611220001',
  customerId: 'CU1',
  issuedAt: new Date('2026-11-22T02:00:00.000Z'),
};

describe('sandbox supplier data', () => {
  it('derives the same answer from the same key every time', () => {
    expect(wireKey(key)).toEqual(wireKey({ ...key }));
    const w = wireKey(key);
    expect(w.state).toBe('redeemed');
    expect(w.batch).toMatch(/^PC20261122-\d{2}$/);
    expect(Date.parse(w.redeemedAt!)).toBeGreaterThan(key.issuedAt.getTime());
    expect(wireKey({ ...key, state: 'delivered' })).toMatchObject({ state: 'issued', redeemedAt: null });
    expect(wireKey({ ...key, state: 'invalid' }).state).toBe('void');
  });

  it('has no distribution record for a key not yet issued', () => {
    expect(wireDistribution({ ...key, state: 'pending' })).toBeNull();
    expect(wireDistribution(key)).toMatchObject({ code: key.code, recipient: 'buyer:CU1', via: 'api' });
  });

  it('runs low on stock when congested and out when down', () => {
    expect(inventoryOf('王者荣耀 60元点券卡', PRESETS.healthy).available).toBeGreaterThanOrEqual(100);
    expect(inventoryOf('王者荣耀 60元点券卡', PRESETS.congested)).toMatchObject({ restockEtaMinutes: 15 });
    expect(inventoryOf('王者荣耀 60元点券卡', PRESETS.congested).available).toBeLessThan(20);
    expect(inventoryOf('王者荣耀 60元点券卡', PRESETS.down).available).toBe(0);
  });

  it('makes replacement keys shaped like the old ones, fixed by request and position', () => {
    const a = replacementCode('REQ-1', 0, 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2');
    expect(a).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}$/);
    expect(replacementCode('REQ-1', 0, 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2')).toBe(a);
    expect(replacementCode('REQ-1', 1, 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2')).not.toBe(a);
    expect(replacementCode('REQ-2', 0, null)).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  });

  it('hashes stably (FNV-1a)', () => {
    expect(hash('')).toBe(0x811c9dc5);
    expect(hash('a')).toBe(0xe40c292c);
  });
});

describe('sandbox scenarios', () => {
  it('uses up an error burst one request at a time', () => {
    let s = scenarioOf({ ...PRESETS.healthy, failNext: 2 });
    const fails: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const r = step(s);
      fails.push(r.fail);
      s = r.next;
    }
    expect(fails).toEqual([true, true, false]);
  });

  it('presets: congested has a 15 minute ETA, slow is slower than the default timeout', () => {
    expect(scenarioOf('congested')).toMatchObject({ channel: 'congested', etaMinutes: 15 });
    expect(scenarioOf('slow').delayMs).toBeGreaterThan(3000);
  });
});
