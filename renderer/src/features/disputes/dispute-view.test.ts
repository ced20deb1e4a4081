import { describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../data';
import { countdown, evidenceCandidates, evidenceOf, mayDecide, verdictOf, type VerdictForm } from './dispute-view';

const at = Date.parse('2026-11-22T08:00:00Z');

function message(id: string, kind: LocalMessage['kind'], files: Array<[string, string]>): LocalMessage {
  return {
    id,
    version: 1,
    deletedAt: null,
    conversationId: 'c1',
    kind,
    authorId: null,
    authorName: 'x',
    body: '',
    html: null,
    attachments: files.map(([fid, contentType]) => ({ id: fid, filename: `${fid}.bin`, contentType, size: 1, url: `/api/attachments/${fid}` })),
    createdAt: '2026-11-22T08:00:00Z',
    pending: 0,
    failed: null,
  };
}

describe('dispute view', () => {
  it('counts down to the review deadline and past it', () => {
    expect(countdown('2026-11-23T08:00:00Z', at)).toEqual({ overdue: false, hours: 24, minutes: 0 });
    expect(countdown('2026-11-22T09:30:59Z', at)).toEqual({ overdue: false, hours: 1, minutes: 30 });
    expect(countdown('2026-11-22T07:15:00Z', at)).toEqual({ overdue: true, hours: 0, minutes: 45 });
  });

  it('offers the customer’s own files as evidence, newest first, by type', () => {
    const out = evidenceCandidates([
      message('m1', 'customer', [['a1', 'image/png']]),
      message('m2', 'agent', [['a2', 'image/png']]),
      message('m3', 'customer', [['a3', 'application/pdf'], ['a4', 'audio/mpeg']]),
    ]);
    expect(out.map((c) => [c.attachmentId, c.kind])).toEqual([
      ['a3', 'document'],
      ['a4', 'recording'],
      ['a1', 'screenshot'],
    ]);
  });

  it('lets supervisors and admins decide', () => {
    expect(mayDecide({ role: 'agent' })).toBe(false);
    expect(mayDecide({ role: 'supervisor' })).toBe(true);
    expect(mayDecide({ role: 'admin' })).toBe(true);
  });

  it('gathers the chosen evidence and refuses links that are not http(s)', () => {
    const files = [
      { attachmentId: 'a1', filename: 'pay.png', kind: 'screenshot' as const },
      { attachmentId: 'a2', filename: 'bill.pdf', kind: 'document' as const },
    ];
    expect(evidenceOf({ chatLog: true, picked: ['a2'], link: ' https://example.net/x ', linkDescription: '' }, files, '聊天记录')).toEqual({
      ok: true,
      evidence: [
        { kind: 'chat_log', description: '聊天记录', attachmentId: null, url: null },
        { kind: 'document', description: 'bill.pdf', attachmentId: 'a2', url: null },
        { kind: 'other', description: 'https://example.net/x', attachmentId: null, url: 'https://example.net/x' },
      ],
    });
    expect(evidenceOf({ chatLog: false, picked: [], link: '', linkDescription: '' }, files, 'x')).toEqual({ ok: true, evidence: [] });
    expect(evidenceOf({ chatLog: true, picked: [], link: 'javascript:alert(1)', linkDescription: '' }, files, 'x')).toEqual({ ok: false, problem: 'linkInvalid' });
  });

  it('builds a verdict, or says what is missing', () => {
    const form = (over: Partial<VerdictForm>): VerdictForm => ({ verdict: 'refund', explanation: '核实属实', amount: '', points: '0', mediation: false, ...over });
    expect(verdictOf(form({ verdict: 'explain_rule', amount: 'ignored' }))).toEqual({
      ok: true,
      body: { verdict: 'explain_rule', explanation: '核实属实', mediation: false },
    });
    expect(verdictOf(form({ amount: '12.5', points: '20', mediation: true }))).toEqual({
      ok: true,
      body: { verdict: 'refund', explanation: '核实属实', mediation: true, sellerCreditPoints: 20, refundCents: 1250 },
    });
    expect(verdictOf(form({}))).toEqual({ ok: true, body: { verdict: 'refund', explanation: '核实属实', mediation: false, sellerCreditPoints: 0 } });
    expect(verdictOf(form({ explanation: ' ' }))).toEqual({ ok: false, problem: 'explanationRequired' });
    expect(verdictOf(form({ amount: '0' }))).toEqual({ ok: false, problem: 'amountInvalid' });
    expect(verdictOf(form({ points: '1001' }))).toEqual({ ok: false, problem: 'pointsInvalid' });
  });
});
