import { describe, expect, it } from 'vitest';
import { parseEmail, UnusableEmail } from './parse';
import { fixture } from './testing';

describe('parsing customer mail', () => {
  it('decodes a GBK body, a GB2312 subject and a GBK display name', async () => {
    const mail = await parseEmail(fixture('gbk-8bit.eml'));
    expect(mail.fromAddress).toBe('player0001@example.com');
    expect(mail.fromName).toBe('张小明');
    expect(mail.subject).toBe('点卡未到账');
    expect(mail.text).toContain('我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001。');
    expect(mail.messageId).toBe('<gbk-0001@mail.example.com>');
    expect(mail.refs).toEqual(['<order-0001@example.com>', '<notice-0001@example.com>']);
    expect(mail.html).toBeNull();
  });

  it('decodes Big5 quoted-printable and Q-encoded headers', async () => {
    const mail = await parseEmail(fixture('big5-qp.eml'));
    expect(mail.fromName).toBe('陳大文');
    expect(mail.subject).toBe('儲值失敗');
    expect(mail.text?.trim()).toBe('您好，我儲值遊戲點數失敗，但已經扣款。訂單號 DD202611220002。');
    expect(mail.refs).toEqual([]);
  });

  it('keeps the HTML as sent, cid references intact, and the files with their content ids', async () => {
    const mail = await parseEmail(fixture('html-hostile.eml'));
    expect(mail.text).toBeNull();
    expect(mail.html).toContain('充值失败截图如下');
    expect(mail.html).toContain('src="cid:shot001@mail.example.com"');
    expect(mail.files.map((f) => [f.filename, f.contentType, f.cid])).toEqual([
      ['shot.png', 'image/png', 'shot001@mail.example.com'],
      ['付款凭证.pdf', 'application/pdf', null],
    ]);
  });

  it('prefers a usable Reply-To and orders thread references with the parent last', async () => {
    const raw = [
      'From: Player <player0004@example.com>',
      'Reply-To: "Player Alt" <Alt0004@Example.com>',
      'Message-ID: <m3@example.com>',
      'In-Reply-To: <m2@example.com>',
      'References: <m2@example.com>\r\n <m1@example.com> <m3@example.com>',
      '',
      'hi',
    ].join('\r\n');
    const mail = await parseEmail(Buffer.from(raw));
    expect(mail.replyAddress).toBe('alt0004@example.com');
    expect(mail.fromName).toBe('Player');
    expect(mail.refs).toEqual(['<m1@example.com>', '<m2@example.com>']);
  });

  it('refuses mail without a usable sender', async () => {
    await expect(parseEmail(Buffer.from('Subject: x\r\n\r\nbody'))).rejects.toThrow(UnusableEmail);
    await expect(parseEmail(Buffer.from('From: a#b@example.com\r\n\r\nbody'))).rejects.toThrow(UnusableEmail);
  });
});
