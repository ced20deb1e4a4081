import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { Mutation } from '../../../protocol/sync';
import type { AuthContext } from '../auth/context';
import { loadEvents, verifyTicket } from '../audit/store';
import type { TeamKind } from '../routing/rules';
import { sweepAssignments } from '../routing/store';
import { push } from '../sync/push';
import { pull } from '../sync/pull';
import { addAllTeams, addChannelCustomer, addStaff, chat } from '../testing/pipeline-fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { acceptInbound } from './inbound';
import { DEFAULT_POLICIES } from './policies';

const STORY_1 = '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001';

describe('inbound pipeline, end to end', () => {
  let t: TestDb;
  let teams: Record<TeamKind, string>;
  let supplierAgent: AuthContext;
  let lead: AuthContext;

  beforeAll(async () => {
    t = await createTestDb();
    teams = await addAllTeams(t.db);
    supplierAgent = await addStaff(t.db, 'sup-1', [teams.supplier], { capacity: 10 });
    // Present but full, and free but away: neither may get the ticket.
    await addStaff(t.db, 'sup-full', [teams.supplier], { capacity: 0 });
    await addStaff(t.db, 'sup-away', [teams.supplier], { status: 'away' });
    await addStaff(t.db, 'senior-1', [teams.senior]);
    lead = await addStaff(t.db, 'lead', Object.values(teams), { role: 'supervisor' });
  });
  afterAll(() => t.dispose());

  const conversation = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(
        `SELECT status, category, category_confidence, priority, repeat, team_id, prev_team_id, assignee_id, order_id, order_refs,
           group_mention, sla_state, created_at, sla_first_response_due_at, subject FROM conversations WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const eventTypes = async (id: string) => (await loadEvents(t.db, id)).map((e) => e.type);
  const run = (auth: AuthContext, m: Omit<Mutation, 'id'>) => push(t.db, auth, { clientId: 'ws', mutations: [{ id: newId(), ...m } as Mutation] });

  it('story 1: files the message as 到账延迟 with its order, routes it to supplier liaison, assigns a free agent and starts the 30 s clock', async () => {
    const customerId = await addChannelCustomer(t.db, { channel: 'webchat', externalUserId: 'player-1', orders: ['DD202611220001'] });
    const poked = new Promise<void>((resolve) => void t.db.listen('kadesk_sync', () => resolve()));
    const a = await acceptInbound(t.db, chat('player-1', STORY_1));
    await poked;
    expect(a.customerId).toBe(customerId);
    const c = await conversation(a.conversationId);
    expect(c).toMatchObject({
      status: 'new',
      category: 'delivery_delayed',
      order_id: 'DD202611220001',
      team_id: teams.supplier,
      assignee_id: supplierAgent.agentId,
      priority: 'normal',
      repeat: false,
      sla_state: 'ok',
    });
    expect(c.category_confidence).toBeGreaterThan(0.9);
    expect(new Date(c.sla_first_response_due_at as Date).getTime() - new Date(c.created_at as Date).getTime()).toBe(30_000);
    expect(await eventTypes(a.conversationId)).toEqual(['ticket.created', 'ticket.classified', 'ticket.routed', 'ticket.assigned']);

    // The assigned agent's workstation pulls it with its classification and SLA.
    const { changes } = await pull(t.db, supplierAgent, { cursor: 0, limit: 500 });
    const row = changes.find((ch) => ch.table === 'conversations' && ch.row.id === a.conversationId)?.row;
    expect(row).toMatchObject({ category: 'delivery_delayed', repeat: false, sla: { state: 'ok', nextResponseDueAt: null } });
    expect(changes.some((ch) => ch.table === 'orders' && ch.row.id === 'DD202611220001')).toBe(true);
  });

  it('links only the customer’s own orders, but remembers every order number named', async () => {
    const a = await acceptInbound(t.db, chat('stranger-1', '订单 DD202611220001 充值没到账，帮我查一下'));
    expect(await conversation(a.conversationId)).toMatchObject({ order_id: null, order_refs: ['DD202611220001'] });
  });

  it('story 3: a merchant’s third ticket about one order this week goes to the senior queue, raised and flagged', async () => {
    await addChannelCustomer(t.db, { channel: 'webchat', externalUserId: 'merchant-1', tier: 'merchant', orders: ['DD202611220777'] });
    const texts = ['订单 DD202611220777 的点卡还没到账', '又来问了，DD202611220777 还是没到账', '第三次了！订单 DD202611220777 到底什么时候到账'];
    const ids: string[] = [];
    for (const text of texts) {
      const a = await acceptInbound(t.db, chat('merchant-1', text));
      ids.push(a.conversationId);
      // Each contact is a ticket of its own: the previous one was closed in between.
      await run(lead, { name: 'conversation.setStatus', args: { conversationId: a.conversationId, status: 'resolved' } });
    }
    expect(new Set(ids).size).toBe(3);
    const [first, second, third] = await Promise.all(ids.map(conversation));
    expect(first).toMatchObject({ repeat: false, team_id: teams.supplier, priority: 'high' });
    expect(second).toMatchObject({ repeat: false, team_id: teams.supplier });
    expect(third).toMatchObject({ repeat: true, team_id: teams.senior, priority: 'urgent', assignee_id: 'senior-1' });
    const routed = (await loadEvents(t.db, ids[2]!)).find((e) => e.type === 'ticket.routed')!;
    expect(routed.data).toMatchObject({ team: 'senior', repeat: true, earlier: [ids[0], ids[1]] });
    expect(routed.data.reasons).toContain('repeat-contact');
    const notes = await t.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'note'`, [ids[2]]);
    expect(notes.rows[0]?.body).toContain('DD202611220777');
  });

  it('records every status transition with time and actor in a chain that verifies, and detects tampering', async () => {
    const a = await acceptInbound(t.db, chat('player-2', '卡密提示已被使用，订单号 DD202611229001'));
    const conv = a.conversationId;
    const owner = (await conversation(conv)).assignee_id as string;
    const auth = owner === supplierAgent.agentId ? supplierAgent : { ...supplierAgent, agentId: owner };
    await run(auth, { name: 'message.send', args: { messageId: newId(), conversationId: conv, body: '您好，正在核实卡密。' } });
    await run(auth, { name: 'conversation.setStatus', args: { conversationId: conv, status: 'waiting_supplier' } });
    await run(auth, { name: 'conversation.setStatus', args: { conversationId: conv, status: 'waiting_customer' } });
    // The customer answers: the ticket is worked on again.
    const again = await acceptInbound(t.db, chat('player-2', '截图发您了'));
    expect(again.conversationId).toBe(conv);
    await run(auth, { name: 'conversation.setStatus', args: { conversationId: conv, status: 'resolved' } });

    const events = await loadEvents(t.db, conv);
    const transitions = events.filter((e) => e.type === 'status.changed').map((e) => [e.data.from, e.data.to, e.actor.kind]);
    expect(transitions).toEqual([
      ['new', 'open', 'agent'],
      ['open', 'waiting_supplier', 'agent'],
      ['waiting_supplier', 'waiting_customer', 'agent'],
      ['waiting_customer', 'open', 'customer'],
      ['open', 'resolved', 'agent'],
    ]);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(await verifyTicket(t.db, conv)).toMatchObject({ ok: true, events: events.length });

    await t.db.write(async (tx) => {
      await tx.query('ALTER TABLE ticket_events DISABLE TRIGGER ticket_events_append_only');
      await tx.query(`UPDATE ticket_events SET data = jsonb_set(data, '{to}', '"open"') WHERE ticket_id = $1 AND seq = $2`, [conv, events.at(-1)!.seq]);
      await tx.query('ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_append_only');
    });
    expect(await verifyTicket(t.db, conv)).toMatchObject({ ok: false, reason: 'changed' });
  });

  it('marks group @mentions, raises them and gives them the 10-minute follow-up target', async () => {
    const a = await acceptInbound(t.db, chat('group:G1:M1', '[群@] 客服在吗，我的点卡没到账', { channel: 'qq', groupMention: true }));
    const c = await conversation(a.conversationId);
    expect(c).toMatchObject({ group_mention: true, priority: 'high' });
    expect(new Date(c.sla_first_response_due_at as Date).getTime() - new Date(c.created_at as Date).getTime()).toBe(10 * 60_000);
    // Agents see the flag on the conversation they pull; other tickets carry it as false.
    const { changes } = await pull(t.db, lead, { cursor: 0, limit: 500 });
    const flags = changes.filter((ch) => ch.table === 'conversations').map((ch) => [ch.row.id, (ch.row as { groupMention?: boolean }).groupMention]);
    expect(flags).toContainEqual([a.conversationId, true]);
    expect(flags.filter(([, flag]) => flag !== true).every(([, flag]) => flag === false)).toBe(true);
  });

  it('takes stated facts, HTML, attachments, subject and thread references from rich channels', async () => {
    const customerId = await addChannelCustomer(t.db, { channel: 'email', externalUserId: 'buyer@example.com', orders: ['DD202611225555'] });
    const attachment = { id: 'att-1', filename: '截图.png', contentType: 'image/png', size: 1234, url: '/api/attachments/att-1' };
    const a = await acceptInbound(t.db, {
      channel: 'email',
      externalMessageId: '<m1@example.com>',
      externalUserId: 'buyer@example.com',
      customerName: '示例买家',
      subject: '激活码用不了',
      body: '附件是报错截图',
      html: '<p>附件是报错截图</p>',
      attachments: [attachment],
      threadRef: '<m1@example.com>',
      hints: { orderId: 'dd202611225555', category: 'licence_activation' },
    });
    expect(a.customerId).toBe(customerId);
    expect(await conversation(a.conversationId)).toMatchObject({
      subject: '激活码用不了',
      category: 'licence_activation',
      category_confidence: null,
      order_id: 'DD202611225555',
      team_id: teams.tech,
    });
    const m = await t.db.query('SELECT html, attachments FROM messages WHERE id = $1', [a.messageId]);
    expect(m.rows[0]).toEqual({ html: '<p>附件是报错截图</p>', attachments: [attachment] });

    await t.db.write((tx) => tx.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [a.conversationId]));
    const reply = await acceptInbound(t.db, {
      channel: 'email',
      externalMessageId: '<m2@example.com>',
      externalUserId: 'buyer@example.com',
      customerName: '示例买家',
      body: '还是不行',
      replyTo: ['<m1@example.com>'],
    });
    expect(reply.conversationId).toBe(a.conversationId);
    expect((await conversation(a.conversationId)).status).toBe('open');
  });

  it('classifies a ticket from its next messages when the first said too little, and moves it while nobody owns it', async () => {
    const a = await acceptInbound(t.db, chat('player-3', '你好'));
    expect(await conversation(a.conversationId)).toMatchObject({ category: null, team_id: teams.general, assignee_id: null });
    await acceptInbound(t.db, chat('player-3', '我的王者荣耀点卡付款后一直没到账'));
    expect(await conversation(a.conversationId)).toMatchObject({
      category: 'delivery_delayed',
      team_id: teams.supplier,
      prev_team_id: teams.general,
      assignee_id: supplierAgent.agentId,
    });
  });

  it('keeps tickets nobody can take queued in their team until an agent has room', async () => {
    const a = await acceptInbound(t.db, chat('player-4', '为什么我的账号被异地登录了，余额被转走了'));
    expect(await conversation(a.conversationId)).toMatchObject({ team_id: teams.security, assignee_id: null, priority: 'urgent' });
    expect(await sweepAssignments(t.db, DEFAULT_POLICIES.assignment)).toBe(0);
    await addStaff(t.db, 'sec-1', [teams.security]);
    expect(await sweepAssignments(t.db, DEFAULT_POLICIES.assignment)).toBe(1);
    expect(await conversation(a.conversationId)).toMatchObject({ assignee_id: 'sec-1' });
    expect((await loadEvents(t.db, a.conversationId)).at(-1)).toMatchObject({ type: 'ticket.assigned', data: { to: 'sec-1', cause: 'queue' } });
  });

  it('lets a supervisor move a ticket to another team; agents may not', async () => {
    const a = await acceptInbound(t.db, chat('player-5', '会员折扣怎么没生效'));
    const conv = a.conversationId;
    const denied = await run(supplierAgent, { name: 'conversation.assign', args: { conversationId: conv, assigneeId: null, teamId: teams.disputes } });
    expect(denied.results[0]).toMatchObject({ status: 'rejected' });
    const moved = await run(lead, { name: 'conversation.assign', args: { conversationId: conv, assigneeId: 'senior-1', teamId: teams.senior } });
    expect(moved.results[0]).toMatchObject({ status: 'applied' });
    expect(await conversation(conv)).toMatchObject({ team_id: teams.senior, prev_team_id: teams.general, assignee_id: 'senior-1' });
    expect((await loadEvents(t.db, conv)).at(-1)).toMatchObject({
      type: 'ticket.assigned',
      actor: { kind: 'agent', id: 'lead' },
      data: { to: 'senior-1', teamId: teams.senior, fromTeamId: teams.general },
    });
  });
});
