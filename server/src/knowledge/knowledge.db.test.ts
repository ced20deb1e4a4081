import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../protocol/entities';
import type { ArticleResponse, ChecklistTicksResponse, KnowledgeResponse, SopResponse } from '../../../protocol/knowledge';
import { type CaseWorld, caseWorld } from '../casework/testing';
import { DEMO_ARTICLES, ensureDemoKnowledge } from './demo';

const sopBody = {
  answerTemplate: '{{customer.name}}，您好！已为您核实。',
  checklist: [
    { id: 'order', text: '核对订单号' },
    { id: 'channel', text: '查询上游通道' },
  ],
  escalation: { team: 'supplier', condition: '30 分钟未恢复', action: '转供应商对接组' },
};
const articleBody = { title: '到账查询方法', body: '在游戏内查看充值记录。', categories: ['delivery_delayed'], keywords: ['到账'], audience: 'customer' };

describe('SOPs and knowledge base', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const knowledge = async (token = w.tokens.agent) => (await w.call<KnowledgeResponse>(token, 'GET', '/api/knowledge')).body;
  const tick = (token: string, conversationId: string, ticks: unknown[]) =>
    w.call<ChecklistTicksResponse>(token, 'PUT', `/api/conversations/${conversationId}/checklist`, { ticks });

  it('seeds one SOP for every category and a few articles for each, once', async () => {
    await ensureDemoKnowledge(w.s.db);
    await ensureDemoKnowledge(w.s.db);
    const k = await knowledge();
    expect(k.sops.map((s) => s.category).sort()).toEqual([...CATEGORIES].sort());
    for (const s of k.sops) {
      expect(s.checklist.length).toBeGreaterThanOrEqual(3);
      expect(s.answerTemplate).toMatch(/[\u4e00-\u9fff]/);
      expect(s.escalation.condition).not.toBe('');
    }
    expect(k.articles).toHaveLength(DEMO_ARTICLES.length);
    for (const c of CATEGORIES) expect(k.articles.filter((a) => a.categories.includes(c)).length).toBeGreaterThanOrEqual(2);
  });

  it('lets only admins edit SOPs and articles, with the input validated', async () => {
    expect((await w.call(w.tokens.agent, 'PUT', '/api/knowledge/sops/membership', sopBody)).status).toBe(403);
    expect((await w.call(w.tokens.supervisor, 'PUT', '/api/knowledge/articles/kb-test-1', articleBody)).status).toBe(403);
    expect((await w.s.app.inject({ method: 'GET', url: '/api/knowledge' })).statusCode).toBe(401);

    const badCategory = await w.call(w.tokens.admin, 'PUT', '/api/knowledge/sops/not_a_category', sopBody);
    expect(badCategory.status).toBe(400);
    const duplicateIds = await w.call(w.tokens.admin, 'PUT', '/api/knowledge/sops/membership', {
      ...sopBody,
      checklist: [sopBody.checklist[0], sopBody.checklist[0]],
    });
    expect(duplicateIds.status).toBe(400);
    expect((await w.call(w.tokens.admin, 'PUT', '/api/knowledge/sops/membership', { ...sopBody, escalation: { team: 'nobody' } })).status).toBe(400);

    const saved = await w.call<SopResponse>(w.tokens.admin, 'PUT', '/api/knowledge/sops/membership', sopBody);
    expect(saved.status).toBe(200);
    expect(saved.body.sop).toMatchObject({ category: 'membership', checklist: sopBody.checklist, escalation: sopBody.escalation });
    expect((await knowledge()).sops.find((s) => s.category === 'membership')!.answerTemplate).toBe(sopBody.answerTemplate);

    const created = await w.call<ArticleResponse>(w.tokens.admin, 'PUT', '/api/knowledge/articles/kb-test-1', articleBody);
    const retried = await w.call<ArticleResponse>(w.tokens.admin, 'PUT', '/api/knowledge/articles/kb-test-1', articleBody);
    expect(created.status).toBe(200);
    expect(retried.body.article).toMatchObject({ id: 'kb-test-1', title: '到账查询方法' });
    expect((await knowledge()).articles.filter((a) => a.id === 'kb-test-1')).toHaveLength(1);
    expect((await w.call(w.tokens.admin, 'PUT', '/api/knowledge/articles/kb-test-2', { ...articleBody, title: '' })).status).toBe(400);

    expect((await w.call(w.tokens.agent, 'DELETE', '/api/knowledge/articles/kb-test-1')).status).toBe(403);
    expect((await w.call(w.tokens.admin, 'DELETE', '/api/knowledge/articles/kb-test-1')).status).toBe(204);
    expect((await w.call(w.tokens.admin, 'DELETE', '/api/knowledge/articles/kb-test-1')).status).toBe(204);
    expect((await w.call(w.tokens.admin, 'DELETE', '/api/knowledge/articles/kb-none')).status).toBe(404);
    expect((await knowledge()).articles.some((a) => a.id === 'kb-test-1')).toBe(false);
  });

  it('keeps the latest tick per checklist step, whatever order the ticks arrive in', async () => {
    const { conversationId } = await w.addCase();
    const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, s)).toISOString();
    const first = await tick(w.tokens.agent, conversationId, [
      { itemId: 'order', checked: true, at: at(10) },
      { itemId: 'channel', checked: true, at: at(10) },
    ]);
    expect(first.status).toBe(200);
    // A workstation that was offline sends an older untick of one step and a newer untick of the other.
    const late = await tick(w.tokens.supervisor, conversationId, [
      { itemId: 'order', checked: false, at: at(5) },
      { itemId: 'channel', checked: false, at: at(20) },
    ]);
    expect(late.body.ticks).toEqual([
      { itemId: 'channel', checked: false, at: at(20), agentId: expect.any(String) },
      { itemId: 'order', checked: true, at: at(10), agentId: w.agentId },
    ]);
    // A resend changes nothing.
    const again = await tick(w.tokens.supervisor, conversationId, [{ itemId: 'channel', checked: false, at: at(20) }]);
    expect(again.body).toEqual(late.body);
    const read = await w.call<ChecklistTicksResponse>(w.tokens.agent, 'GET', `/api/conversations/${conversationId}/checklist`);
    expect(read.body).toEqual(late.body);
  });

  it('scopes checklist ticks to the conversation and validates them', async () => {
    const { conversationId } = await w.addCase();
    const now = new Date().toISOString();
    expect((await tick(w.tokens.outsider, conversationId, [{ itemId: 'order', checked: true, at: now }])).status).toBe(404);
    expect((await w.call(w.tokens.outsider, 'GET', `/api/conversations/${conversationId}/checklist`)).status).toBe(404);
    expect((await tick(w.tokens.agent, conversationId, [{ itemId: 'order', checked: true, at: 'yesterday' }])).status).toBe(400);
    expect((await tick(w.tokens.agent, conversationId, [{ itemId: 'bad id!', checked: true, at: now }])).status).toBe(400);
    expect((await tick(w.tokens.agent, conversationId, [])).status).toBe(400);
  });
});
