import { describe, expect, it } from 'vitest';
import type { OrderSupplierResponse } from '../../../../protocol';
import { ageOf, healthTone, lookupBanner, partView } from './supplier-view';

const fresh = <T>(data: T) => ({ ok: true as const, data, stale: false, fetchedAt: '2026-11-22T08:00:00Z', ageSeconds: 0, error: null });
const stale = <T>(data: T, ageSeconds: number, code: 'timeout' | 'unreachable' | 'circuit_open') => ({
  ok: true as const,
  data,
  stale: true,
  fetchedAt: '2026-11-22T08:00:00Z',
  ageSeconds,
  error: { code, message: code },
});
const missing = (code: 'timeout' | 'unreachable' | 'not_found') => ({ ok: false as const, error: { code, message: `${code} happened` } });

function lookup(parts: Partial<OrderSupplierResponse>): OrderSupplierResponse {
  return {
    orderId: 'DD2026112200001',
    supplier: { id: 's1', name: '示例供应商' },
    health: fresh({ state: 'congested' as const, etaMinutes: 15, message: null }),
    cardKeys: fresh([]),
    inventory: fresh({ product: 'p', available: 3, restockEtaMinutes: null }),
    distribution: fresh([]),
    ...parts,
  };
}

describe('supplier lookup view', () => {
  it('says ages in the largest whole unit', () => {
    expect(ageOf(0)).toEqual({ unit: 'seconds', count: 0 });
    expect(ageOf(59)).toEqual({ unit: 'seconds', count: 59 });
    expect(ageOf(60)).toEqual({ unit: 'minutes', count: 1 });
    expect(ageOf(3599)).toEqual({ unit: 'minutes', count: 59 });
    expect(ageOf(7200)).toEqual({ unit: 'hours', count: 2 });
    expect(ageOf(3 * 86_400 + 5)).toEqual({ unit: 'days', count: 3 });
  });

  it('colours channel health', () => {
    expect(healthTone({ state: 'healthy', etaMinutes: null, message: null })).toBe('ok');
    expect(healthTone({ state: 'congested', etaMinutes: 15, message: null })).toBe('warn');
    expect(healthTone({ state: 'down', etaMinutes: null, message: null })).toBe('bad');
  });

  it('tells live, cached and missing parts apart', () => {
    expect(partView(fresh(1))).toEqual({ kind: 'fresh', data: 1 });
    expect(partView(stale(1, 600, 'timeout'))).toEqual({ kind: 'stale', data: 1, age: { unit: 'minutes', count: 10 }, error: 'timeout' });
    expect(partView(missing('unreachable'))).toEqual({ kind: 'missing', error: 'unreachable', message: 'unreachable happened' });
  });

  it('raises a banner only when something is not live, naming the commonest error', () => {
    expect(lookupBanner(lookup({}))).toEqual({ kind: 'none' });
    expect(lookupBanner(lookup({ inventory: missing('not_found') }))).toEqual({ kind: 'partial', error: 'not_found' });
    const down = lookup({
      health: stale({ state: 'healthy' as const, etaMinutes: null, message: null }, 90, 'circuit_open'),
      cardKeys: missing('unreachable'),
      inventory: missing('unreachable'),
      distribution: stale([], 90, 'unreachable'),
    });
    expect(lookupBanner(down)).toEqual({ kind: 'unavailable', error: 'unreachable' });
  });
});
