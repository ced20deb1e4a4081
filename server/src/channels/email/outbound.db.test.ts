import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ticketRef } from '../../../../protocol/ticket-ref';
import { addTeam } from '../../testing/fixtures';
import { createTestDb, type TestDb } from '../../testing/test-db';
import { createTestServer, type TestServer } from '../../testing/test-server';
import { OutboundDeliveries } from '../deliveries';
import { addAgentReply, silentLog } from '../testing';
import { acceptEmail } from './accept';
import type { EmailConfig } from './config';
import { EmailSender } from './outbound';
import { fixture, freePort, type Mta, startMta } from './testing';

const SUPPORTED = ['support@example.com', 'refund@example.com'];

const config = (mta: Mta, smtpPort = 0): EmailConfig => ({
  supportAddresses: SUPPORTED,
  smtpHost: '127.0.0.1',
  smtpPort,
  maxMessageBytes: 1024 * 1024,
  outUrl: mta.url,
});

const statusOf = async (t: { db: TestDb['db'] }, id: string) =>
  (await t.db.query<{ status: string; last_error: string | null }>('SELECT status, last_error FROM outbound_deliveries WHERE message_id = $1', [id])).rows[0];

describe('the email channel, from customer mail to agent reply and back', () => {
  let mta: Mta;
  let s: TestServer;
  let inboundPort: number;

  beforeAll(async () => {
    mta = await startMta();
    inboundPort = await freePort();
    s = await createTestServer({ config: { email: config(mta, inboundPort) } });
    await addTeam(s.db, 'G', 'general');
    await s.app.ready();
  });
  afterAll(async () => {
    await s.close();
    await mta.close();
  });

  const customerSends = (raw: Buffer | string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: 'player0001@example.com', to: ['support@example.com'] }, raw });

  async function conversationOf(externalId: string): Promise<string> {
    const { rows } = await s.db.query<{ conversation_id: string }>(
      `SELECT m.conversation_id FROM inbound_receipts r JOIN messages m ON m.id = r.message_id WHERE r.channel = 'email' AND r.external_id = $1`,
      [externalId],
    );
    return rows[0]!.conversation_id;
  }

  it('sends agent replies from the support address, threaded to the customer mail, and threads the answer back', async () => {
    await customerSends(fixture('gbk-8bit.eml'));
    const conv = await conversationOf('player0001@example.com#<gbk-0001@mail.example.com>');

    const first = await addAgentReply(s.db, conv, '您好，已为您补发点卡，请查收。');
    await vi.waitFor(() => expect(mta.mails).toHaveLength(1));
    const second = await addAgentReply(s.db, conv, '如仍有问题请直接回复本邮件。');
    await vi.waitFor(() => expect(mta.mails).toHaveLength(2));

    const [a, b] = await Promise.all(mta.mails.map((m) => simpleParser(m.raw)));
    expect(mta.mails[0]).toMatchObject({ from: 'support@example.com', to: ['player0001@example.com'] });
    expect(a!.from?.value[0]?.address).toBe('support@example.com');
    expect(a!.to).toMatchObject({ value: [{ address: 'player0001@example.com' }] });
    expect(a!.subject).toBe(`Re: 点卡未到账 [#${ticketRef(conv)}]`);
    expect(a!.text?.trim()).toBe('您好，已为您补发点卡，请查收。');
    expect(a!.messageId).toBe(`<${first}.reply@example.com>`);
    expect(a!.inReplyTo).toBe('<gbk-0001@mail.example.com>');
    expect(a!.references).toBe('<gbk-0001@mail.example.com>');
    // The second reply still answers the customer's mail and names the first reply too.
    expect(b!.messageId).toBe(`<${second}.reply@example.com>`);
    expect(b!.inReplyTo).toBe('<gbk-0001@mail.example.com>');
    expect(b!.references).toEqual(['<gbk-0001@mail.example.com>', `<${first}.reply@example.com>`]);
    await vi.waitFor(async () => expect(await statusOf(s, second)).toMatchObject({ status: 'sent' }));

    // The customer answers our reply after the ticket was resolved: it reopens that ticket.
    await s.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [conv]));
    await customerSends(
      [
        'From: player0001@example.com',
        'To: support@example.com',
        `Subject: Re: 点卡未到账 [#${ticketRef(conv)}]`,
        'Message-ID: <gbk-0003@mail.example.com>',
        `In-Reply-To: <${second}.reply@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        '收到了，谢谢！',
      ].join('\r\n'),
    );
    expect(await conversationOf('player0001@example.com#<gbk-0003@mail.example.com>')).toBe(conv);
  });
});

describe('email reply delivery', () => {
  let t: TestDb;
  let mta: Mta;
  let engine: OutboundDeliveries;

  beforeAll(async () => {
    t = await createTestDb();
    await addTeam(t.db, 'G', 'general');
    mta = await startMta();
    engine = new OutboundDeliveries(t.db, new EmailSender(t.db, config(mta)), silentLog, { leaseMs: 60_000 });
  });
  afterAll(async () => {
    await mta.close();
    await t.dispose();
  });

  it('sends each reply once, and a resend after a crash carries the same Message-ID', async () => {
    const conv = (await acceptEmail(t.db, fixture('big5-qp.eml'), SUPPORTED)).conversationId;
    const reply = await addAgentReply(t.db, conv, '您好，已為您退款。');
    await engine.run(null);
    await engine.run(null);
    expect(mta.mails).toHaveLength(1);
    // As if the server died after the relay took the mail but before it was marked sent.
    await t.db.query(`UPDATE outbound_deliveries SET status = 'sending', claimed_at = now() - interval '1 hour' WHERE message_id = $1`, [reply]);
    await engine.run(null);
    const ids = await Promise.all(mta.mails.map(async (m) => (await simpleParser(m.raw)).messageId));
    expect(ids).toEqual([`<${reply}.reply@example.com>`, `<${reply}.reply@example.com>`]);
    expect(mta.mails[0]!.to).toEqual(['player0002@example.com']);
  });

  it('retries after a temporary refusal and gives up on a permanent one', async () => {
    const conv = (await acceptEmail(t.db, fixture('gbk-8bit.eml'), SUPPORTED)).conversationId;
    const sent = mta.mails.length;
    const later = await addAgentReply(t.db, conv, '稍等');
    mta.failNext = 451;
    await engine.run(null);
    expect(await statusOf(t, later)).toMatchObject({ status: 'retry', last_error: expect.stringContaining('451') });
    await engine.run(null);
    expect(await statusOf(t, later)).toMatchObject({ status: 'sent' });

    const never = await addAgentReply(t.db, conv, '您好');
    mta.failNext = 550;
    await engine.run(null);
    expect(await statusOf(t, never)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('550') });
    expect(mta.mails.length - sent).toBe(1);
  });

  it('retries while the relay is unreachable', async () => {
    const down = await startMta();
    await down.close();
    const sender = new EmailSender(t.db, config(down));
    const conv = (await acceptEmail(t.db, fixture('html-hostile.eml'), SUPPORTED)).conversationId;
    const reply = await addAgentReply(t.db, conv, '您好');
    await new OutboundDeliveries(t.db, sender, silentLog).run(conv);
    expect(await statusOf(t, reply)).toMatchObject({ status: 'retry' });
  });
});
