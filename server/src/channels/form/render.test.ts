import { describe, expect, it } from 'vitest';
import { TicketFormFields } from '../../../../protocol/forms';
import { formBody, formSubject } from './render';

const form = (over: Record<string, string> = {}) =>
  TicketFormFields.parse({ submissionId: '01JB00000000000000K3M9X2QA', contact: '13800000001', description: '点卡显示已使用但没到账', ...over });

describe('ticket form as a ticket', () => {
  it('makes a subject of the category and the first line, shortened', () => {
    expect(formSubject(form())).toBe('点卡显示已使用但没到账');
    expect(formSubject(form({ category: 'topup_failed', description: '充值失败\n第二行' }))).toBe('【充值失败】充值失败');
    expect(formSubject(form({ description: '长'.repeat(50) }))).toBe(`${'长'.repeat(40)}…`);
  });

  it('lists only the fields the customer filled in', () => {
    expect(formBody(form({ name: '  ', steps: '' }), '+8613800000001')).toBe('联系方式: +8613800000001\n\n问题描述:\n点卡显示已使用但没到账');
  });
});
