import { describe, expect, it } from 'vitest';
import { checkLimit, compensationPolicyFromEnv, DEFAULT_POLICY } from './policy';

const ask = (kind: 'refund' | 'coupon' | 'credit' | 'reissue', amountCents: number, grantedCents = 0, percent: number | null = null) => ({
  kind,
  amountCents,
  grantedCents,
  percent,
});

describe('compensation limits per role', () => {
  it('agents refund up to ¥50 and give coupons up to ¥20 per ticket', () => {
    expect(checkLimit(DEFAULT_POLICY, 'agent', ask('refund', 5000))).toEqual({ ok: true });
    expect(checkLimit(DEFAULT_POLICY, 'agent', ask('coupon', 2000))).toEqual({ ok: true });
    const refused = checkLimit(DEFAULT_POLICY, 'agent', ask('refund', 8000));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain('¥50.00');
      expect(refused.message).toContain('¥80.00');
      expect(refused.message).toContain('agent refund limit');
    }
    expect(checkLimit(DEFAULT_POLICY, 'agent', ask('coupon', 2001)).ok).toBe(false);
  });

  it('counts what the ticket already received, so a refund cannot be split to pass', () => {
    const v = checkLimit(DEFAULT_POLICY, 'agent', ask('refund', 3000, 3000));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain('此前退款已累计 ¥30.00');
  });

  it('supervisors go to ¥500, admins have no limit', () => {
    expect(checkLimit(DEFAULT_POLICY, 'supervisor', ask('refund', 50_000)).ok).toBe(true);
    expect(checkLimit(DEFAULT_POLICY, 'supervisor', ask('refund', 50_001)).ok).toBe(false);
    expect(checkLimit(DEFAULT_POLICY, 'admin', ask('refund', 10_000_000)).ok).toBe(true);
  });

  it('caps percentage credits by percent as well as by amount', () => {
    expect(checkLimit(DEFAULT_POLICY, 'agent', ask('credit', 600, 0, 10)).ok).toBe(true);
    const v = checkLimit(DEFAULT_POLICY, 'agent', ask('credit', 100, 0, 20));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain('10%');
  });

  it('lets Kadesk itself grant only its automatic coupon', () => {
    expect(checkLimit(DEFAULT_POLICY, 'system', ask('coupon', 500)).ok).toBe(true);
    expect(checkLimit(DEFAULT_POLICY, 'system', ask('coupon', 501)).ok).toBe(false);
    expect(checkLimit(DEFAULT_POLICY, 'system', ask('refund', 1)).ok).toBe(false);
  });
});

describe('KADESK_COMPENSATION_POLICY', () => {
  it('overrides some limits and keeps the rest', () => {
    const p = compensationPolicyFromEnv({ KADESK_COMPENSATION_POLICY: '{"agent":{"refundCents":8000},"system":{"couponCents":null}}' });
    expect(p.agent).toEqual({ ...DEFAULT_POLICY.agent, refundCents: 8000 });
    expect(p.system.couponCents).toBeNull();
    expect(p.supervisor).toEqual(DEFAULT_POLICY.supervisor);
    expect(compensationPolicyFromEnv({})).toBe(DEFAULT_POLICY);
  });

  it('refuses bad JSON and misspelt keys', () => {
    expect(() => compensationPolicyFromEnv({ KADESK_COMPENSATION_POLICY: '{agent' })).toThrow(/not valid JSON/);
    expect(() => compensationPolicyFromEnv({ KADESK_COMPENSATION_POLICY: '{"agent":{"refund":1}}' })).toThrow(/malformed/);
    expect(() => compensationPolicyFromEnv({ KADESK_COMPENSATION_POLICY: '{"agent":{"refundCents":-1}}' })).toThrow(/malformed/);
  });
});
