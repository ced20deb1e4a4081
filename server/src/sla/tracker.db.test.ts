import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { Mutation } from '../../../protocol/sync';
import type { AuthContext } from '../auth/context';
import { loadEvents } from '../audit/store';
import { acceptInbound } from '../pipeline/inbound';
import { DEFAULT_POLICIES } from '../pipeline/policies';
import type { TeamKind } from '../routing/rules';
import { push } from '../sync/push';
import { addAllTeams, addStaff, chat } from '../testing/pipeline-fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { sweepSla } from './tracker';

const SEC = 1000;
const HOUR = 3_600_000;

describe('SLA runtime', () => {
  let t: TestDb;
  let teams: Record<TeamKind, string>;
  let agent: AuthContext;

  beforeAll(async () => {
    t = await createTestDb();
    teams = await addAllTeams(t.db);
    agent = await addStaff(t.db, 'gen-1', [teams.general], { capacity: 50 });
    await addStaff(t.db, 'senior-1', [teams.senior]);
  });
  afterAll(() => t.dispose());

  const row = async (id: string) =>
    (
      await t.db.query<{
        sla_state: string;
        priority: string;
        team_id: string;
        assignee_id: string | null;
        created_at: Date;
        sla_first_response_due_at: Date | null;
        sla_resolution_due_at: Date | null;
        version: number;
      }>(
        `SELECT sla_state, priority, team_id, assignee_id, created_at, sla_first_response_due_at, sla_resolution_due_at, version
           FROM conversations WHERE id = $1`,
        [id],
      )
    ).rows[0]!;
  const notes = async (id: string) =>
    (await t.db.query<{ body: string }>(`SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'note' ORDER BY created_at`, [id])).rows.map(
      (r) => r.body,
    );
  const escalations = async (id: string) => (await loadEvents(t.db, id)).filter((e) => e.type === 'sla.escalated').map((e) => e.data.key);
  const run = (m: Omit<Mutation, 'id'>) => push(t.db, agent, { clientId: 'ws', mutations: [{ id: newId(), ...m } as Mutation] });
  /** A web chat how-to question: general team, 30 s to the first answer. */
  const open = async (user: string) => {
    const a = await acceptInbound(t.db, chat(user, '请问怎么修改绑定的手机号？'));
    return { id: a.conversationId, created: new Date((await row(a.conversationId)).created_at).getTime() };
  };

  it('warns, then breaches, firing each escalation once however often it sweeps', async () => {
    const { id, created } = await open('sla-1');
    expect(await sweepSla(t.db, DEFAULT_POLICIES, created + 10 * SEC)).toBe(0);
    const quiet = await row(id);

    expect(await sweepSla(t.db, DEFAULT_POLICIES, created + 25 * SEC)).toBeGreaterThanOrEqual(1);
    expect((await row(id)).sla_state).toBe('warning');
    expect((await row(id)).version).toBeGreaterThan(quiet.version);
    expect(await notes(id)).toEqual([expect.stringContaining('【SLA 预警】首次响应')]);
    await sweepSla(t.db, DEFAULT_POLICIES, created + 26 * SEC);
    expect(await notes(id)).toHaveLength(1);

    await sweepSla(t.db, DEFAULT_POLICIES, created + 31 * SEC);
    await sweepSla(t.db, DEFAULT_POLICIES, created + 40 * SEC);
    const breached = await row(id);
    expect(breached.sla_state).toBe('breached');
    // A how-to question starts at normal; the breach raises it one step, once.
    expect(breached.priority).toBe('high');
    expect(await notes(id)).toEqual([expect.stringContaining('预警'), expect.stringContaining('【SLA 超时】首次响应')]);
    expect(await escalations(id)).toEqual([
      `firstResponse@${created}:warning:notify_supervisor`,
      `firstResponse@${created}:breached:notify_supervisor`,
      `firstResponse@${created}:breached:raise_priority`,
    ]);
  });

  it('leaves the row alone while nothing changes, so sync carries only real changes', async () => {
    const { id, created } = await open('sla-2');
    const before = (await row(id)).version;
    await sweepSla(t.db, DEFAULT_POLICIES, created + 5 * SEC);
    await sweepSla(t.db, DEFAULT_POLICIES, created + 6 * SEC);
    expect((await row(id)).version).toBe(before);
  });

  it('stops the first-response clock on the agent’s reply and pauses every clock while waiting on the customer', async () => {
    const { id, created } = await open('sla-3');
    await run({ name: 'message.send', args: { messageId: newId(), conversationId: id, body: '您好，请在设置里修改。' } });
    const answered = await row(id);
    expect(answered).toMatchObject({ sla_state: 'ok', sla_first_response_due_at: null });
    expect(new Date(answered.sla_resolution_due_at!).getTime()).toBe(created + 2 * HOUR);

    await run({ name: 'conversation.setStatus', args: { conversationId: id, status: 'waiting_customer' } });
    expect(await row(id)).toMatchObject({ sla_state: 'paused', sla_resolution_due_at: null });
    // Days later, still waiting on the customer: nothing is late and nothing escalates.
    await sweepSla(t.db, DEFAULT_POLICIES, created + 48 * HOUR);
    expect((await row(id)).sla_state).toBe('paused');
    expect(await escalations(id)).toEqual([]);

    await run({ name: 'conversation.setStatus', args: { conversationId: id, status: 'resolved' } });
    expect((await row(id)).sla_state).toBe('met');
  });

  it('moves a ticket past its resolution target to a senior agent', async () => {
    const { id, created } = await open('sla-4');
    await run({ name: 'message.send', args: { messageId: newId(), conversationId: id, body: '正在处理。' } });
    expect((await row(id)).assignee_id).toBe(agent.agentId);
    await sweepSla(t.db, DEFAULT_POLICIES, created + 2 * HOUR + SEC);
    expect(await row(id)).toMatchObject({ sla_state: 'breached', team_id: teams.senior, assignee_id: 'senior-1' });
    const moved = (await loadEvents(t.db, id)).find((e) => e.data.action === 'move_to_senior');
    expect(moved?.data).toMatchObject({ fromTeam: teams.general, toTeam: teams.senior, fromAssignee: agent.agentId, toAssignee: 'senior-1' });
  });
});
