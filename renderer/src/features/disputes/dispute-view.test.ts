import { describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../data';
import { countdown, evidenceCandidates, mayDecide } from './dispute-view';

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
});
