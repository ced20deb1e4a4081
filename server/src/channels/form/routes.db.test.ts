import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FILE_FIELD, FORM_LIMITS } from '../../../../protocol/forms';
import { ticketRef } from '../../../../protocol/ticket-ref';
import { addTeam } from '../../testing/fixtures';
import { createTestServer, type TestServer } from '../../testing/test-server';
import { FORM_RATE_LIMIT, FORM_TICKETS_PATH } from './routes';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%fictional receipt\n');

interface Upload {
  name: string;
  type: string;
  data: Buffer;
}

const fields = (over: Record<string, string> = {}) => ({
  submissionId: 'sub_0001_abcdefghijkl',
  contact: 'Player0001@Example.com',
  name: '张小明',
  orderId: 'DD202611220001',
  category: 'delivery_delayed',
  description: '王者荣耀点卡显示已使用但没到账\n已经等了两个小时',
  steps: '1. 下单\n2. 支付成功\n3. 游戏内未到账',
  ...over,
});

/** A real multipart/form-data body, as a browser's FormData would send it. */
async function multipart(values: Record<string, string>, files: Upload[] = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  for (const f of files) form.append(FORM_FILE_FIELD, new Blob([f.data], { type: f.type }), f.name);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

describe('public ticket form', () => {
  let s: TestServer;
  let address = 0;

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'G', 'general');
  });
  afterAll(() => s.close());

  /** Each call comes from its own client address unless told, so the rate limit stays out of the way. */
  async function submit(values: Record<string, string>, files: Upload[] = [], remoteAddress = `198.51.100.${++address}`) {
    const body = await multipart(values, files);
    return s.app.inject({ method: 'POST', url: FORM_TICKETS_PATH, remoteAddress, headers: { 'content-type': body.contentType }, payload: body.payload });
  }

  it('files a ticket with its screenshots and answers with the ticket number; a resend files nothing twice', async () => {
    const files = [
      { name: '充值截图.png', type: 'image/png', data: PNG },
      { name: '付款凭证.pdf', type: 'application/pdf', data: PDF },
    ];
    const res = await submit(fields(), files);
    expect(res.statusCode).toBe(200);
    const answer = res.json() as { reference: string; duplicate: boolean };
    expect(answer.duplicate).toBe(false);

    const { rows } = await s.db.query<{ id: string; conversation_id: string; body: string; subject: string; category: string | null }>(
      `SELECT m.id, m.conversation_id, m.body, c.subject, c.category FROM inbound_receipts r
         JOIN messages m ON m.id = r.message_id JOIN conversations c ON c.id = m.conversation_id
        WHERE r.channel = 'form' AND r.external_id = 'player0001@example.com#sub_0001_abcdefghijkl'`,
    );
    const m = rows[0]!;
    expect(answer.reference).toBe(ticketRef(m.conversation_id));
    expect(m.subject).toBe('【到账延迟/未到账】王者荣耀点卡显示已使用但没到账');
    expect(m.category).toBe('delivery_delayed');
    expect(m.body).toBe(
      [
        '联系方式: player0001@example.com',
        '称呼: 张小明',
        '订单号: DD202611220001',
        '问题类型: 到账延迟/未到账',
        '',
        '问题描述:',
        '王者荣耀点卡显示已使用但没到账\n已经等了两个小时',
        '',
        '操作步骤:',
        '1. 下单\n2. 支付成功\n3. 游戏内未到账',
      ].join('\n'),
    );
    const stored = await s.db.query<{ filename: string; content_type: string; message_id: string }>(
      `SELECT filename, content_type, message_id FROM attachments WHERE channel = 'form' ORDER BY ordinal`,
    );
    expect(stored.rows).toEqual([
      { filename: '充值截图.png', content_type: 'image/png', message_id: m.id },
      { filename: '付款凭证.pdf', content_type: 'application/pdf', message_id: m.id },
    ]);

    const again = await submit(fields(), files);
    expect(again.json()).toEqual({ reference: answer.reference, duplicate: true });
    expect((await s.db.query(`SELECT 1 FROM attachments WHERE channel = 'form'`)).rows).toHaveLength(2);
  });

  it('files each new submission from the same customer as its own ticket', async () => {
    const first = await submit(fields({ submissionId: 'sub_0010_abcdefghijkl', contact: 'shop0010@example.net', description: '订单一直显示待发货，请查一下' }));
    const second = await submit(fields({ submissionId: 'sub_0011_abcdefghijkl', contact: 'shop0010@example.net', description: '还是没有发货，请尽快处理' }));
    const refs = [first, second].map((r) => (r.json() as { reference: string }).reference);
    expect(refs[0]).not.toBe(refs[1]);
    const { rows } = await s.db.query<{ n: number }>(
      `SELECT count(DISTINCT m.conversation_id)::int AS n FROM inbound_receipts r JOIN messages m ON m.id = r.message_id
        WHERE r.channel = 'form' AND r.external_id LIKE 'shop0010@example.net#%'`,
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('identifies a phone contact by its normalised number and needs only contact and description', async () => {
    const res = await submit({ submissionId: 'sub_0002_abcdefghijkl', contact: '138 0000 0002', description: '账号被盗了，请帮忙冻结' });
    expect(res.statusCode).toBe(200);
    const { rows } = await s.db.query<{ name: string }>(
      `SELECT cu.name FROM customer_identities ci JOIN customers cu ON cu.id = ci.customer_id WHERE ci.channel = 'form' AND ci.external_id = '+8613800000002'`,
    );
    expect(rows).toEqual([{ name: '表单客户 尾号0002' }]);
  });

  it('says which fields are missing or wrong', async () => {
    const res = await submit({ submissionId: 'sub_0003_abcdefghijkl', contact: 'nobody', category: 'not_a_category', description: '短' });
    expect(res.statusCode).toBe(400);
    const error = res.json().error as { message: string; details: Record<string, string[]> };
    expect(error.message).toContain('请填写有效的邮箱或手机号');
    expect(error.message).toContain('请描述遇到的问题');
    expect(Object.keys(error.details).sort()).toEqual(['category', 'contact', 'description']);
    expect((await submit(fields({ submissionId: 'x' }))).statusCode).toBe(400);
  });

  it('refuses files that are not images or PDF, too many files and files too large', async () => {
    const disguised = await submit(fields({ submissionId: 'sub_0004_abcdefghijkl' }), [{ name: 'shot.png', type: 'image/png', data: Buffer.from('<script>alert(1)</script>') }]);
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().error.message).toContain('shot.png');

    const many = Array.from({ length: FORM_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `${i}.png`, type: 'image/png', data: PNG }));
    const tooMany = await submit(fields({ submissionId: 'sub_0005_abcdefghijkl' }), many);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.message).toContain('最多上传');

    const big = Buffer.concat([PNG, Buffer.alloc(FORM_LIMITS.maxFileBytes)]);
    const tooBig = await submit(fields({ submissionId: 'sub_0006_abcdefghijkl' }), [{ name: 'big.png', type: 'image/png', data: big }]);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('10 MB');

    const json = await s.app.inject({ method: 'POST', url: FORM_TICKETS_PATH, remoteAddress: '198.51.100.250', payload: fields() });
    expect(json.statusCode).toBe(415);
    // Nothing of a refused submission is kept.
    expect((await s.db.query(`SELECT 1 FROM inbound_receipts WHERE external_id ~ 'sub_000[456]'`)).rows).toHaveLength(0);
    expect((await s.db.query(`SELECT 1 FROM attachments WHERE external_id ~ 'sub_000[456]'`)).rows).toHaveLength(0);
  });

  it('limits how often one address submits', async () => {
    const from = '203.0.113.7';
    for (let i = 0; i < FORM_RATE_LIMIT.capacity; i++) {
      expect((await submit({ description: 'incomplete' }, [], from)).statusCode).toBe(400);
    }
    const limited = await submit(fields({ submissionId: 'sub_0007_abcdefghijkl' }), [], from);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await submit(fields({ submissionId: 'sub_0007_abcdefghijkl' }), [], '203.0.113.8')).statusCode).toBe(200);
  });
});
