import { describe, expect, it } from 'vitest';
import { fieldErrors, fileError, formatPercent, serverError } from './checks';

const valid = { submissionId: '01JB00000000000000K3M9X2QA', contact: 'player0001@example.com', description: '点卡显示已使用但没到账' };

describe('ticket form checks in the page', () => {
  it('finds field problems with the server’s rules', () => {
    expect(fieldErrors(valid)).toEqual({});
    expect(fieldErrors({ ...valid, contact: 'nobody', description: '短', orderId: 'DD 0001' })).toEqual({
      contact: '请填写有效的邮箱或手机号 (email or phone number)',
      description: '请描述遇到的问题（至少 5 个字）',
      orderId: '订单号只含字母、数字、- 和 _',
    });
    expect(fieldErrors({ ...valid, contact: '138 0000 0001', category: '' })).toEqual({});
  });

  it('checks the chosen files before uploading', () => {
    const png = { name: 'a.png', size: 1000, type: 'image/png' };
    expect(fileError([png])).toBeNull();
    expect(fileError(Array(6).fill(png))).toBe('最多上传 5 个文件');
    expect(fileError([{ name: 'a.exe', size: 10, type: 'application/x-msdownload' }])).toBe('“a.exe” 不是图片或 PDF');
    expect(fileError([{ ...png, size: 11 * 1024 * 1024 }])).toBe('“a.png” 超过 10 MB');
  });

  it('shows the server’s own message and field details, or a generic one', () => {
    const body = { error: { code: 'bad_request', message: '请填写有效的邮箱或手机号', details: { contact: ['请填写有效的邮箱或手机号'] } } };
    expect(serverError(400, body)).toEqual({ message: '请填写有效的邮箱或手机号', fields: { contact: '请填写有效的邮箱或手机号' } });
    expect(serverError(502, '<html>Bad gateway</html>').message).toBe('提交失败（502），请稍后重试');
    expect(serverError(0, null).message).toBe('提交失败（网络错误），请稍后重试');
  });

  it('reports upload progress in whole percent', () => {
    expect(formatPercent(0, 0)).toBe(0);
    expect(formatPercent(512, 1024)).toBe(50);
    expect(formatPercent(2000, 1024)).toBe(100);
  });
});
