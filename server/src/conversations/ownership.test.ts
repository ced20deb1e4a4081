import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/context';
import { mayAssign, mayWorkOn, statusAfterAgentReply, statusAfterCustomerMessage } from './ownership';

const agent = (id: string): AuthContext => ({ agentId: id, name: id, role: 'agent', teamIds: ['t1'] });
const lead: AuthContext = { agentId: 'L', name: 'lead', role: 'supervisor', teamIds: [] };
const conv = (assigneeId: string | null) => ({ assigneeId, assigneeName: assigneeId ? `演示客服${assigneeId}` : null, status: 'open' as const });

describe('first-responder ownership', () => {
  it('lets anyone in scope work an unowned ticket and the owner work their own', () => {
    expect(mayWorkOn(agent('a1'), conv(null)).ok).toBe(true);
    expect(mayWorkOn(agent('a1'), conv('a1')).ok).toBe(true);
  });

  it("refuses another agent's ticket and names the owner", () => {
    const v = mayWorkOn(agent('a2'), conv('a1'));
    expect(v).toMatchObject({ ok: false, code: 'reassigned', params: { agentName: '演示客服a1' } });
  });

  it('lets a supervisor act on any ticket', () => {
    expect(mayWorkOn(lead, conv('a1')).ok).toBe(true);
    expect(mayAssign(lead, conv('a1'), 'a2').ok).toBe(true);
  });

  it('lets agents claim unowned tickets and release their own, nothing more', () => {
    expect(mayAssign(agent('a1'), conv(null), 'a1').ok).toBe(true);
    expect(mayAssign(agent('a1'), conv('a1'), null).ok).toBe(true);
    expect(mayAssign(agent('a1'), conv(null), 'a2')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(mayAssign(agent('a1'), conv('a1'), 'a2')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(mayAssign(agent('a2'), conv('a1'), 'a2')).toMatchObject({ ok: false, code: 'reassigned' });
  });
});

describe('status transitions on messages', () => {
  it('opens new and resolved tickets when an agent replies, keeps waiting states', () => {
    expect(statusAfterAgentReply('new')).toBe('open');
    expect(statusAfterAgentReply('resolved')).toBe('open');
    expect(statusAfterAgentReply('waiting_supplier')).toBe('waiting_supplier');
  });

  it('ends waiting-on-customer and reopens resolved tickets when the customer writes', () => {
    expect(statusAfterCustomerMessage('waiting_customer')).toBe('open');
    expect(statusAfterCustomerMessage('resolved')).toBe('open');
    expect(statusAfterCustomerMessage('new')).toBe('new');
    expect(statusAfterCustomerMessage('waiting_supplier')).toBe('waiting_supplier');
  });
});
