import { describe, expect, it } from 'vitest';
import { formatCountdown, nextDue } from './sla';

describe('SLA countdown', () => {
  it('picks the running clock due first', () => {
    const sla = {
      state: 'ok' as const,
      firstResponseDueAt: '2026-11-22T02:00:30.000Z',
      nextResponseDueAt: null,
      resolutionDueAt: '2026-11-22T04:00:00.000Z',
    };
    expect(nextDue(sla)).toEqual({ metric: 'firstResponse', dueAt: Date.parse('2026-11-22T02:00:30.000Z') });
    expect(nextDue({ ...sla, firstResponseDueAt: null, resolutionDueAt: null })).toBeNull();
  });

  it('formats minutes and seconds, hours when needed, without a sign', () => {
    expect(formatCountdown(24_400)).toBe('0:24');
    expect(formatCountdown(-65_000)).toBe('1:05');
    expect(formatCountdown(2 * 3_600_000 - 30_000)).toBe('1:59:30');
  });
});
