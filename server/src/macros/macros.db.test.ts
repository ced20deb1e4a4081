import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../protocol/entities';
import type { Macro, MacroHistoryResponse, MacroListResponse } from '../../../protocol/macros';
import { createTestServer, type TestServer } from '../testing/test-server';
import { DEMO_MACROS, ensureDemoMacros, STORY_ONE_MACRO } from './demo';
import { macroEvents } from './store';

describe('macros', () => {
  let s: TestServer;
  const tokens = { admin: '', agent: '', other: '' };
  let agentId = '';

  beforeAll(async () => {
    s = await createTestServer();
    await s.addAgent({ login: 'mac-admin', password: 'mac-pass-1', role: 'admin' });
    agentId = (await s.addAgent({ login: 'mac-agent', password: 'mac-pass-1', role: 'agent' })).id;
    await s.addAgent({ login: 'mac-other', password: 'mac-pass-1', role: 'agent' });
    tokens.admin = await s.login('mac-admin', 'mac-pass-1');
    tokens.agent = await s.login('mac-agent', 'mac-pass-1');
    tokens.other = await s.login('mac-other', 'mac-pass-1');
  });
  afterAll(() => s.close());

  const call = async <T = { error: { code: string; message: string } }>(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const res = await s.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
  };
  const list = async (token: string) => (await call<MacroListResponse>(token, 'GET', '/api/macros')).body.macros;
  const shared = { scope: 'shared', name: '通用：稍候回复', actions: [{ type: 'reply', body: '{{customer.name}}，您好，请稍候。' }] };

  it('lets admins create shared macros and refuses agents with 403', async () => {
    const refused = await call(tokens.agent, 'POST', '/api/macros', shared);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('只有管理员可以管理共享宏');

    const created = await call<{ macro: Macro }>(tokens.admin, 'POST', '/api/macros', { ...shared, category: 'how_to' });
    expect(created.status).toBe(201);
    expect(created.body.macro).toMatchObject({ scope: 'shared', ownerId: null, category: 'how_to', description: '' });
    expect((await list(tokens.agent)).map((m) => m.name)).toContain('通用：稍候回复');

    const edit = await call(tokens.agent, 'PATCH', `/api/macros/${created.body.macro.id}`, { name: '改名' });
    expect(edit.status).toBe(403);
    const del = await call(tokens.agent, 'DELETE', `/api/macros/${created.body.macro.id}`);
    expect(del.status).toBe(403);

    // Admins read a shared macro's changes; agents may not.
    const renamed = await call(tokens.admin, 'PATCH', `/api/macros/${created.body.macro.id}`, { name: '通用：请稍候' });
    expect(renamed.status).toBe(200);
    const history = await call<MacroHistoryResponse>(tokens.admin, 'GET', `/api/macros/${created.body.macro.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.changes.map((c) => [c.action, c.before?.name ?? null, c.after?.name ?? null])).toEqual([
      ['created', null, '通用：稍候回复'],
      ['updated', '通用：稍候回复', '通用：请稍候'],
    ]);
    expect((await call(tokens.agent, 'GET', `/api/macros/${created.body.macro.id}/history`)).status).toBe(403);
    expect((await call(tokens.admin, 'GET', '/api/macros/NO-SUCH-MACRO/history')).status).toBe(404);
  });

  it('keeps personal macros to their owner: others neither list nor change them', async () => {
    const created = await call<{ macro: Macro }>(tokens.agent, 'POST', '/api/macros', {
      scope: 'personal',
      name: '我的：请提供订单号',
      actions: [{ type: 'reply', body: '请提供订单号' }, { type: 'status', status: 'waiting_customer' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.macro.id;
    expect(created.body.macro.ownerId).toBe(agentId);
    expect((await list(tokens.agent)).map((m) => m.id)).toContain(id);
    expect((await list(tokens.other)).map((m) => m.id)).not.toContain(id);
    // Not even an admin sees or edits another agent's personal macro.
    expect((await list(tokens.admin)).map((m) => m.id)).not.toContain(id);
    expect((await call(tokens.admin, 'PATCH', `/api/macros/${id}`, { name: 'x' })).status).toBe(404);
    expect((await call(tokens.other, 'DELETE', `/api/macros/${id}`)).status).toBe(404);
    expect((await call(tokens.admin, 'GET', `/api/macros/${id}/history`)).status).toBe(404);

    const renamed = await call<{ macro: Macro }>(tokens.agent, 'PATCH', `/api/macros/${id}`, { name: '我的：索要订单号', category: 'order_state' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.macro).toMatchObject({ name: '我的：索要订单号', category: 'order_state', scope: 'personal' });
    expect(renamed.body.macro.actions).toHaveLength(2);

    expect((await call(tokens.agent, 'DELETE', `/api/macros/${id}`)).status).toBe(204);
    expect((await list(tokens.agent)).map((m) => m.id)).not.toContain(id);

    // Every change is kept, with the row before and after.
    const events = await macroEvents(s.db, id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['created', agentId],
      ['updated', agentId],
      ['deleted', agentId],
    ]);
    expect(events[1]!.before?.name).toBe('我的：请提供订单号');
    expect(events[1]!.after?.name).toBe('我的：索要订单号');
    expect(events[2]!.after).toBeNull();
    await expect(s.db.query('DELETE FROM macro_events')).rejects.toThrow(/append-only/);
  });

  it('validates bodies: unknown variables, empty actions, bad categories, unknown assignees', async () => {
    const bad = async (body: unknown) => {
      const res = await call(tokens.agent, 'POST', '/api/macros', body);
      return res;
    };
    const unknownVar = await bad({ scope: 'personal', name: 'x', actions: [{ type: 'reply', body: '你好 {{customer.password}}' }] });
    expect(unknownVar.status).toBe(400);
    expect(JSON.stringify(unknownVar.body)).toContain('未知变量');
    expect((await bad({ scope: 'personal', name: 'x', actions: [] })).status).toBe(400);
    expect((await bad({ scope: 'personal', name: 'x', category: 'nonsense', actions: [{ type: 'survey' }] })).status).toBe(400);
    expect((await bad({ scope: 'personal', name: 'x', actions: [{ type: 'coupon', amountCents: -5, cause: 'x' }] })).status).toBe(400);
    expect((await bad({ scope: 'team', name: 'x', actions: [{ type: 'survey' }] })).status).toBe(400);
    const ghost = await bad({ scope: 'personal', name: 'x', actions: [{ type: 'assign', agentId: 'NO-SUCH-AGENT' }] });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.code).toBe('unknown_agent');
    expect((await call(tokens.agent, 'PATCH', '/api/macros/whatever', {})).status).toBe(400);
    expect((await s.app.inject({ method: 'GET', url: '/api/macros' })).statusCode).toBe(401);
  });

  it('installs the demo macros once, one or more for every category, the story-1 macro among them', async () => {
    await ensureDemoMacros(s.db);
    await ensureDemoMacros(s.db);
    const macros = await list(tokens.agent);
    const demo = macros.filter((m) => DEMO_MACROS.some((d) => d.name === m.name));
    expect(demo).toHaveLength(DEMO_MACROS.length);
    for (const category of CATEGORIES) expect(demo.some((m) => m.category === category), category).toBe(true);
    const story = demo.find((m) => m.name === STORY_ONE_MACRO)!;
    expect(story.actions.map((a) => a.type)).toEqual(['reply', 'coupon', 'tag', 'status']);
    expect(JSON.stringify(story.actions)).toContain('{{supplier.eta}}');
    expect(story.actions).toContainEqual({ type: 'status', status: 'waiting_supplier' });

    // An admin who deletes a demo macro keeps it deleted.
    expect((await call(tokens.admin, 'DELETE', `/api/macros/${story.id}`)).status).toBe(204);
    await ensureDemoMacros(s.db);
    expect((await list(tokens.agent)).some((m) => m.name === STORY_ONE_MACRO)).toBe(false);
  });
});
