import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeam } from '../../testing/fixtures';
import { createTestServer, type TestServer } from '../../testing/test-server';
import { PHONE_CALLS_PATH } from './routes';
import { signCall, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';

const SECRET = 'call-platform-secret-0001';

const record = (over: Record<string, unknown> = {}) => ({
  callId: 'call-0001',
  direction: 'in',
  caller: '+86 138 0000 0001',
  callee: '400-000-0000',
  startedAt: '2026-11-22T06:03:05Z',
  durationSec: 192,
  recordingUrl: 'https://rec.example.com/r/0001.mp3',
  notes: '询问点卡到账',
  ...over,
});

describe('phone call records webhook', () => {
  let s: TestServer;

  beforeAll(async () => {
    s = await createTestServer({ config: { phone: { secret: SECRET } } });
    await addTeam(s.db, 'G', 'general');
    await s.addAgent({ login: 'agent01', password: 'pw-agent-01', role: 'agent', name: '王五', teamIds: ['G'] });
  });
  afterAll(() => s.close());

  function post(body: unknown, opts: { secret?: string; timestamp?: string; raw?: string; contentType?: string; signature?: string } = {}) {
    const payload = opts.raw ?? JSON.stringify(body);
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    return s.app.inject({
      method: 'POST',
      url: PHONE_CALLS_PATH,
      headers: {
        'content-type': opts.contentType ?? 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: opts.signature ?? signCall(opts.secret ?? SECRET, timestamp, payload),
      },
      payload,
    });
  }

  const messagesOf = async (conversationId: string) =>
    (await s.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 ORDER BY created_at, id`, [conversationId])).rows.map(
      (r) => r.body,
    );

  it('logs a call, its retry once, and the agent’s callback in the same conversation', async () => {
    const first = await post(record());
    expect(first.statusCode).toBe(200);
    const { conversationId, duplicate } = first.json() as { conversationId: string; duplicate: boolean };
    expect(duplicate).toBe(false);
    expect((await post(record())).json()).toMatchObject({ conversationId, duplicate: true });

    const back = await post(
      record({ callId: 'call-0002', direction: 'out', caller: '4000000000', callee: '13800000001', callback: true, agentLogin: 'agent01', durationSec: 45, recordingUrl: undefined, notes: '已补发' }),
    );
    expect(back.json()).toMatchObject({ conversationId, duplicate: false });
    expect(await messagesOf(conversationId)).toEqual([
      '📞 来电 3分12秒 · 2026/11/22 14:03:05 · 录音: https://rec.example.com/r/0001.mp3 · 备注: 询问点卡到账',
      '📞 回拨 45秒 · 2026/11/22 14:03:05 · 客服 王五 · 备注: 已补发',
    ]);
    const { rows } = await s.db.query<{ external_id: string; name: string }>(
      `SELECT ci.external_id, cu.name FROM customer_identities ci JOIN customers cu ON cu.id = ci.customer_id WHERE ci.channel = 'phone'`,
    );
    expect(rows).toEqual([{ external_id: '+8613800000001', name: '电话客户 尾号0001' }]);
  });

  it('refuses unsigned, wrongly signed, tampered and stale records', async () => {
    const body = record({ callId: 'call-0100' });
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const refusals = [
      await post(body, { signature: '' }),
      await post(body, { secret: 'another-secret-000000000' }),
      await post(body, { signature: signCall(SECRET, String(Math.floor(Date.now() / 1000)), JSON.stringify(record({ callId: 'call-0101' }))) }),
      await post(body, { timestamp: stale }),
      await s.app.inject({ method: 'POST', url: PHONE_CALLS_PATH, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
    ];
    for (const res of refusals) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    const stored = await s.db.query(`SELECT 1 FROM inbound_receipts WHERE channel = 'phone' AND external_id LIKE 'call-01%'`);
    expect(stored.rows).toHaveLength(0);
  });

  it('answers bad records with a 4xx that says what is wrong', async () => {
    const malformed = await post(null, { raw: '{"callId":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { message: expect.stringContaining('malformed JSON') } });

    const unsafe = await post(record({ callId: 'call-0200', recordingUrl: 'javascript:alert(1)', caller: 'unknown' }));
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json().error.message).toMatch(/recordingUrl/);
    expect(unsafe.json().error.message).toMatch(/caller/);

    const text = await post(null, { raw: 'callId=call-0201', contentType: 'text/plain' });
    expect(text.statusCode).toBe(415);
    const huge = await post(record({ callId: 'call-0202', notes: 'x'.repeat(70 * 1024) }));
    expect(huge.statusCode).toBe(413);
  });
});
