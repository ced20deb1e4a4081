import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../data';
import { failureOf, failureText } from './failure';

describe('casework failures', () => {
  it('tells a lost network, a refusal and a retryable failure apart', () => {
    expect(failureOf(new ApiRequestError('network', null, 'network', 'Failed to fetch'))).toEqual({ kind: 'network' });
    expect(failureOf(new ApiRequestError('http', 403, 'over_limit', '客服每张工单退款上限 ¥50.00'))).toEqual({
      kind: 'refused',
      code: 'over_limit',
      message: '客服每张工单退款上限 ¥50.00',
    });
    expect(failureOf(new ApiRequestError('http', 503, 'supplier_timeout', 'timed out'))).toEqual({ kind: 'failed', message: 'timed out' });
    expect(failureOf(new ApiRequestError('http', 429, 'rate_limited', 'slow down'))).toEqual({ kind: 'failed', message: 'slow down' });
    expect(failureOf(new Error('boom'))).toEqual({ kind: 'failed', message: 'boom' });
  });

  it("words each kind with the feature's own texts", () => {
    // Stands in for i18next's t: shows which text was asked for, with what.
    const t = ((key: string, values?: { message: string }) => (values ? `${key}(${values.message})` : key)) as unknown as TFunction;
    expect(failureText({ kind: 'network' }, 'security', t)).toBe('security.offline');
    expect(failureText({ kind: 'refused', code: 'forbidden', message: '无权操作' }, 'disputes', t)).toBe('disputes.refused(无权操作)');
    expect(failureText({ kind: 'failed', message: 'timed out' }, 'reports.error', t)).toBe('reports.error.failed(timed out)');
  });
});
