import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisputeListResponse, DisputeResponse } from '../../../protocol/disputes';
import { newId } from '../../../protocol/ids';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld, SUPPLIER } from '../casework/testing';

describe('disputes', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const screenshot = { kind: 'screenshot', description: '充值记录截图，显示未到账', url: 'https://files.example.com/shot-1.png' };
  const open = (token: string, body: Record<string, unknown>) => w.call<DisputeResponse>(token, 'POST', '/api/disputes', body);
  const verdict = (token: string, id: string, body: Record<string, unknown>) =>
    w.call<DisputeResponse>(token, 'POST', `/api/disputes/${id}/verdict`, body);

  it('opens once per id with evidence and a review deadline 24 hours out, told to the customer', async () => {
    const { conversationId, orderId } = await w.addCase();
    const body = { id: newId(), conversationId, reason: '卖家称已发货，买家未收到', evidence: [screenshot, { kind: 'chat_log', description: '本会话记录' }] };
    const first = await open(w.tokens.agent, body);
    const again = await open(w.tokens.agent, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    const d = first.body.dispute;
    expect(again.body.dispute).toEqual(d);
    expect(d).toMatchObject({ status: 'open', orderId, supplier: SUPPLIER, overdue: false, mediation: false, verdict: null });
    expect(Date.parse(d.reviewDueAt) - Date.parse(d.openedAt)).toBe(24 * 3600_000);
    expect(d.evidence).toEqual([
      expect.objectContaining({ ...screenshot, attachmentId: null, addedBy: w.agentId }),
      expect.objectContaining({ kind: 'chat_log', url: null, attachmentId: null }),
    ]);
    const notices = await w.s.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'system'`, [conversationId]);
    expect(notices.rows).toEqual([{ body: expect.stringContaining('24 小时内完成审核') }]);
    expect((await loadEvents(w.s.db, conversationId)).map((e) => e.type)).toEqual(['dispute.opened']);
  });

  it('takes attachments as evidence only when the customer sent them', async () => {
    const { conversationId } = await w.addCase();
    const messageId = newId();
    const attachmentId = newId();
    await w.s.db.write(async (tx) => {
      await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_name, body) VALUES ($1, $2, 'customer', '测试玩家', '截图')`, [
        messageId,
        conversationId,
      ]);
      await tx.query(
        `INSERT INTO attachments (id, channel, external_id, ordinal, message_id, filename, content_type, size, sha256, content)
         VALUES ($1, 'webchat', $2, 0, $3, 'shot.png', 'image/png', 1, repeat('0', 64), '\\x00')`,
        [attachmentId, newId(), messageId],
      );
    });
    const evidence = (id: string) => [{ kind: 'screenshot', description: '支付截图', attachmentId: id }];
    const bad = await w.call(w.tokens.agent, 'POST', '/api/disputes', { id: newId(), conversationId, reason: '争议', evidence: evidence('NOPE') });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('unknown_attachment');
    const ok = await open(w.tokens.agent, { id: newId(), conversationId, reason: '争议', evidence: evidence(attachmentId) });
    expect(ok.body.dispute.evidence[0]!.attachmentId).toBe(attachmentId);

    const more = await w.call<DisputeResponse>(w.tokens.agent, 'POST', `/api/disputes/${ok.body.dispute.id}/evidence`, { evidence: [screenshot] });
    expect(more.body.dispute.evidence).toHaveLength(2);
  });

  it('lets only supervisors and admins decide; explains the rule and refers to mediation', async () => {
    const { conversationId } = await w.addCase();
    const d = (await open(w.tokens.agent, { id: newId(), conversationId, reason: '描述不符', evidence: [screenshot] })).body.dispute;
    const decision = { verdict: 'explain_rule', explanation: '根据平台规则，已兑换的卡密不支持退款。', mediation: true };
    expect((await verdict(w.tokens.agent, d.id, decision)).status).toBe(403);
    const decided = await verdict(w.tokens.supervisor, d.id, decision);
    expect(decided.status).toBe(200);
    expect(decided.body.dispute).toMatchObject({ status: 'decided', mediation: true, verdict: { kind: 'explain_rule', refundCents: null } });
    const twice = await w.call(w.tokens.admin, 'POST', `/api/disputes/${d.id}/verdict`, decision);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('dispute_decided');
    expect((await w.call(w.tokens.agent, 'POST', `/api/disputes/${d.id}/evidence`, { evidence: [screenshot] })).status).toBe(409);
    const last = await w.s.db.query<{ body: string }>(
      `SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'system' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId],
    );
    expect(last.rows[0]!.body).toContain('第三方调解');
    expect((await loadEvents(w.s.db, conversationId)).map((e) => e.type)).toEqual(['dispute.opened', 'dispute.decided']);
  });

  it('a refund verdict pays back as a supplier-liable compensation and deducts seller credit', async () => {
    const { conversationId, orderId } = await w.addCase({ amountCents: 6000 });
    const d = (await open(w.tokens.agent, { id: newId(), conversationId, reason: '卡密无效', evidence: [screenshot] })).body.dispute;
    const res = await verdict(w.tokens.supervisor, d.id, { verdict: 'refund', explanation: '经核实卡密无效，全额退款。', sellerCreditPoints: 5 });
    expect(res.body.dispute.verdict).toMatchObject({ kind: 'refund', refundCents: 6000, sellerCreditPoints: 5 });
    const comp = await w.s.db.query<{ id: string; kind: string; liable: string; supplier: string; amount_cents: number }>(
      'SELECT id, kind, liable, supplier, amount_cents FROM compensations WHERE conversation_id = $1',
      [conversationId],
    );
    expect(comp.rows).toEqual([{ id: res.body.dispute.verdict!.compensationId, kind: 'refund', liable: 'supplier', supplier: SUPPLIER, amount_cents: 6000 }]);
    expect((await w.s.db.query<{ state: string }>('SELECT state FROM orders WHERE id = $1', [orderId])).rows[0]!.state).toBe('refunded');
    expect((await loadEvents(w.s.db, conversationId)).map((e) => e.type)).toEqual(['dispute.opened', 'compensation.granted', 'dispute.decided']);
  });

  it('flags disputes past their review deadline and lists the queue by deadline, in scope', async () => {
    const { conversationId } = await w.addCase();
    const d = (await open(w.tokens.agent, { id: newId(), conversationId, reason: '超时未处理', evidence: [] })).body.dispute;
    await w.s.db.write((tx) => tx.query(`UPDATE disputes SET review_due_at = now() - interval '1 hour' WHERE id = $1`, [d.id]));
    const late = await w.call<DisputeResponse>(w.tokens.agent, 'GET', `/api/disputes/${d.id}`);
    expect(late.body.dispute.overdue).toBe(true);

    const queue = await w.call<DisputeListResponse>(w.tokens.supervisor, 'GET', '/api/disputes?status=open');
    expect(queue.body.disputes[0]!.id).toBe(d.id);
    expect(queue.body.disputes.every((x) => x.status === 'open')).toBe(true);
    expect((await w.call<DisputeListResponse>(w.tokens.outsider, 'GET', '/api/disputes')).body.disputes).toEqual([]);
    expect((await w.call(w.tokens.outsider, 'GET', `/api/disputes/${d.id}`)).status).toBe(404);
  });
});
