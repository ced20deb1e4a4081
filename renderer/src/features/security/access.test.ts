import { describe, expect, it } from 'vitest';
import { maySecure } from './access';

const teams = [
  { id: 't-sec', kind: 'security', deletedAt: null },
  { id: 't-old', kind: 'security', deletedAt: '2026-01-01T00:00:00Z' },
  { id: 't-sup', kind: 'supplier', deletedAt: null },
];

describe('security actions access', () => {
  it('is for supervisors, admins and security team members only', () => {
    expect(maySecure({ role: 'supervisor', teamIds: [] }, teams)).toBe(true);
    expect(maySecure({ role: 'admin', teamIds: [] }, teams)).toBe(true);
    expect(maySecure({ role: 'agent', teamIds: ['t-sup', 't-sec'] }, teams)).toBe(true);
    expect(maySecure({ role: 'agent', teamIds: ['t-sup'] }, teams)).toBe(false);
    expect(maySecure({ role: 'agent', teamIds: ['t-old'] }, teams)).toBe(false);
  });
});
