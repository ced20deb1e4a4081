import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { silentLog } from '../testing';
import { acceptEmail } from './accept';
import type { EmailConfig } from './config';
import { type SmtpListener, startSmtpListener } from './listener';
import { fixture } from './testing';

const SUPPORT = 'support@example.com';
const SUPPORTED = [SUPPORT, 'refund@example.com'];

const config = (over: Partial<EmailConfig> = {}): EmailConfig => ({
  supportAddresses: SUPPORTED,
  smtpHost: '127.0.0.1',
  smtpPort: 0,
  maxMessageBytes: 256 * 1024,
  outUrl: 'smtp://127.0.0.1:25',
  ...over,
});

interface Send {
  raw: Buffer | string;
  to?: string[];
  auth?: { user: string; pass: string };
  requireTLS?: boolean;
}

/** Sends like a relaying MTA would: the raw mail as is, over real SMTP on loopback. */
function send(port: number, { raw, to = [SUPPORT], auth, requireTLS }: Send) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ...(requireTLS ? { requireTLS, tls: { rejectUnauthorized: false } } : { ignoreTLS: true }),
    ...(auth ? { auth } : {}),
  });
  return transport.sendMail({ envelope: { from: 'relay@example.com', to }, raw });
}

const smtpCode = (p: Promise<unknown>) =>
  p.then(
    () => 250,
    (err: { responseCode?: number }) => err.responseCode,
  );

describe('inbound mail over SMTP', () => {
  let t: TestDb;
  let listener: SmtpListener;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    listener = await startSmtpListener(config(), (raw) => acceptEmail(t.db, raw, SUPPORTED), silentLog);
  });
  afterAll(async () => {
    await listener.close();
    await t.dispose();
  });

  async function messageOf(externalId: string) {
    const { rows } = await t.db.query<{ id: string; conversation_id: string; body: string; html: string | null; subject: string; name: string }>(
      `SELECT m.id, m.conversation_id, m.body, m.html, c.subject, cu.name
         FROM inbound_receipts r JOIN messages m ON m.id = r.message_id
         JOIN conversations c ON c.id = m.conversation_id JOIN customers cu ON cu.id = c.customer_id
        WHERE r.channel = 'email' AND r.external_id = $1`,
      [externalId],
    );
    return rows;
  }

  it('accepts a GBK mail: decoded, quoted history trimmed, one customer by address, accepted once', async () => {
    const raw = fixture('gbk-8bit.eml');
    expect(await smtpCode(send(listener.port, { raw }))).toBe(250);
    // The relay retries, and the same mail also went to a second support address.
    expect(await smtpCode(send(listener.port, { raw, to: [SUPPORT, 'Refund@Example.com'] }))).toBe(250);

    const rows = await messageOf('player0001@example.com#<gbk-0001@mail.example.com>');
    expect(rows).toHaveLength(1);
    const m = rows[0]!;
    expect(m.body).toBe('客服您好：\n\n我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001。\n麻烦尽快处理，谢谢！');
    expect(m.subject).toBe('点卡未到账');
    expect(m.name).toBe('张小明');
    const identity = await t.db.query(`SELECT 1 FROM customer_identities WHERE channel = 'email' AND external_id = 'player0001@example.com'`);
    expect(identity.rows).toHaveLength(1);
  });

  it('accepts hostile HTML sanitised, with inline images pointing at stored copies and no remote ones', async () => {
    expect(await smtpCode(send(listener.port, { raw: fixture('html-hostile.eml') }))).toBe(250);
    const [m] = await messageOf('player0003@example.com#<html-0001@mail.example.com>');
    const files = await t.db.query<{ id: string; filename: string; content_type: string; message_id: string }>(
      `SELECT id, filename, content_type, message_id FROM attachments WHERE channel = 'email' AND external_id = $1 ORDER BY ordinal`,
      ['player0003@example.com#<html-0001@mail.example.com>'],
    );
    expect(files.rows.map((f) => [f.filename, f.content_type, f.message_id])).toEqual([
      ['shot.png', 'image/png', m!.id],
      ['付款凭证.pdf', 'application/pdf', m!.id],
      ['inline-1.png', 'image/png', m!.id],
    ]);
    const [shot, , inline] = files.rows;
    expect(m!.html).toContain(`<img src="/api/attachments/${shot!.id}" alt="截图" />`);
    expect(m!.html).toContain(`<img src="/api/attachments/${inline!.id}" alt="内嵌" />`);
    for (const banned of ['<script', 'onerror', 'tracker.example.net', 'svg', '<iframe', '<form', 'style=']) expect(m!.html).not.toContain(banned);
    // No text part: the text comes from the sanitised HTML.
    expect(m!.body).toContain('充值失败截图如下，订单号 DD202611220003：');
    expect(m!.body).not.toContain('标题不应出现');
    expect(m!.subject).toBe('充值失败（附截图）');
  });

  it('threads a reply by In-Reply-To into its conversation, even once that was resolved', async () => {
    const [first] = await messageOf('player0001@example.com#<gbk-0001@mail.example.com>');
    await t.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [first!.conversation_id]));
    const reply = [
      'From: =?UTF-8?B?5byg5bCP5piO?= <player0001@example.com>',
      `To: ${SUPPORT}`,
      'Subject: =?UTF-8?B?UmU6IOeCueWNoeacquWIsOi0pg==?=',
      'Message-ID: <gbk-0002@mail.example.com>',
      'In-Reply-To: <gbk-0001@mail.example.com>',
      'References: <gbk-0001@mail.example.com>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '还是没到账。',
      '',
      '在 2026-11-22 15:10，张小明 <player0001@example.com> 写道：',
      '> 客服您好',
    ].join('\r\n');
    expect(await smtpCode(send(listener.port, { raw: reply }))).toBe(250);
    const [second] = await messageOf('player0001@example.com#<gbk-0002@mail.example.com>');
    expect(second!.conversation_id).toBe(first!.conversation_id);
    expect(second!.body).toBe('还是没到账。');
  });

  it('refuses mail for other addresses, oversized mail and mail without a sender', async () => {
    expect(await smtpCode(send(listener.port, { raw: fixture('big5-qp.eml'), to: ['someone@example.com'] }))).toBe(550);
    const huge = `From: player0005@example.com\r\nSubject: big\r\n\r\n${'x'.repeat(300 * 1024)}`;
    expect(await smtpCode(send(listener.port, { raw: huge }))).toBe(552);
    expect(await smtpCode(send(listener.port, { raw: 'Subject: no sender\r\n\r\nhello' }))).toBe(550);
    // Our own reply relayed back to us would loop.
    expect(await smtpCode(send(listener.port, { raw: 'From: Support@Example.com\r\nSubject: Re: x\r\n\r\nhello' }))).toBe(550);
    expect((await t.db.query(`SELECT 1 FROM inbound_receipts WHERE external_id LIKE 'player0005%'`)).rows).toHaveLength(0);
  });

  it('answers 451 when the mail cannot be stored, so the relay keeps it and retries', async () => {
    const down = await startSmtpListener(config(), () => Promise.reject(new Error('database unavailable')), silentLog);
    try {
      expect(await smtpCode(send(down.port, { raw: fixture('big5-qp.eml') }))).toBe(451);
    } finally {
      await down.close();
    }
  });

  it('requires a login when AUTH is configured', async () => {
    const secured = await startSmtpListener(
      config({ authUser: 'relay', authPassword: 'relay-password-0001' }),
      (raw) => acceptEmail(t.db, raw, SUPPORTED),
      silentLog,
    );
    try {
      const raw = fixture('big5-qp.eml');
      expect(await smtpCode(send(secured.port, { raw }))).toBe(530);
      expect(await smtpCode(send(secured.port, { raw, auth: { user: 'relay', pass: 'wrong-password' } }))).toBe(535);
      expect(await smtpCode(send(secured.port, { raw, auth: { user: 'relay', pass: 'relay-password-0001' } }))).toBe(250);
    } finally {
      await secured.close();
    }
    expect(await messageOf('player0002@example.com#<big5-0001@mail.example.com>')).toHaveLength(1);
  });

  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)('offers STARTTLS with the configured certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kadesk-smtp-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], {
      stdio: 'ignore',
    });
    const tls = await startSmtpListener(config({ tlsKeyFile: key, tlsCertFile: cert }), (raw) => acceptEmail(t.db, raw, SUPPORTED), silentLog);
    try {
      const raw = fixture('gbk-8bit.eml');
      expect(await smtpCode(send(tls.port, { raw, requireTLS: true }))).toBe(250);
    } finally {
      await tls.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
