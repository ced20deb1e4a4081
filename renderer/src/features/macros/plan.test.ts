import { describe, expect, it } from 'vitest';
import type { Conversation, MacroAction } from '../../../../protocol';
import { networkSteps, planMacro, refusal, stepId, ticketMutations, type PlanInput } from './plan';

const conversation = (patch: Partial<Conversation> = {}) =>
  ({ id: 'C1', status: 'open', priority: 'normal', assigneeId: 'A1', teamId: 'T1', orderId: 'DD1', unreadCount: 0, ...patch }) as Conversation;

const input = (actions: MacroAction[], patch: Partial<PlanInput> = {}): PlanInput => ({
  runId: 'RUN01',
  conversation: conversation(),
  selfId: 'A1',
  actions,
  texts: new Map(actions.map((a, i) => [i, a.type === 'reply' || a.type === 'note' ? a.body : ''])),
  ...patch,
});

const storyOne: MacroAction[] = [
  { type: 'reply', body: '预计约 15 分钟后恢复' },
  { type: 'coupon', amountCents: 500, cause: '到账延迟' },
  { type: 'tag', tag: '通道拥堵' },
  { type: 'status', status: 'waiting_supplier' },
];

describe('planMacro', () => {
  it('plans the story-1 macro: a coupon under the run id, then reply, tag and status as mutations', () => {
    const plan = planMacro(input(storyOne));
    expect(plan.needsNetwork).toBe(true);
    expect(plan.problems).toEqual([]);
    expect(networkSteps(plan).map((s) => s.call)).toEqual([
      { kind: 'compensation', body: { kind: 'coupon', requestId: 'RUN01-1', conversationId: 'C1', note: '', cause: '到账延迟', amountCents: 500 } },
    ]);
    expect(ticketMutations(plan)).toEqual([
      { name: 'message.send', args: { messageId: 'RUN01-0', conversationId: 'C1', body: '预计约 15 分钟后恢复' } },
      { name: 'conversation.tag', args: { conversationId: 'C1', tag: '通道拥堵' } },
      { name: 'conversation.setStatus', args: { conversationId: 'C1', status: 'waiting_supplier' } },
    ]);
  });

  it('derives the same ids when the same run is planned again (a retry pays once, sends once)', () => {
    const a = planMacro(input(storyOne));
    const b = planMacro(input(storyOne));
    expect(b).toEqual(a);
    expect(stepId('RUN02', 1)).not.toBe(stepId('RUN01', 1));
  });

  it('sends the edited text, and refuses a reply that still has a missing marker or is empty', () => {
    const actions: MacroAction[] = [{ type: 'reply', body: '{{supplier.eta}}' }, { type: 'note', body: 'x' }];
    const missing = planMacro(input(actions, { texts: new Map([[0, '预计【待填写：预计恢复时间】恢复'], [1, '  ']]) }));
    expect(missing.problems).toEqual([
      { kind: 'missing', index: 0 },
      { kind: 'missing', index: 1 },
    ]);
    expect(refusal(missing, true)).toEqual({ kind: 'problems', problems: missing.problems });
    const edited = planMacro(input(actions, { texts: new Map([[0, '预计半小时内恢复'], [1, '已告知']]) }));
    expect(edited.problems).toEqual([]);
    expect(ticketMutations(edited).map((m) => m.args)).toEqual([
      { messageId: 'RUN01-0', conversationId: 'C1', body: '预计半小时内恢复' },
      { messageId: 'RUN01-1', conversationId: 'C1', body: '已告知' },
    ]);
  });

  it('refuses network steps offline but lets ticket-only macros run', () => {
    expect(refusal(planMacro(input(storyOne)), false)).toEqual({ kind: 'offline' });
    expect(refusal(planMacro(input(storyOne)), true)).toBeNull();
    const ticketOnly = planMacro(input([{ type: 'reply', body: '稍候' }, { type: 'status', status: 'waiting_customer' }]));
    expect(ticketOnly.needsNetwork).toBe(false);
    expect(refusal(ticketOnly, false)).toBeNull();
    // Offline comes first: no editing makes a paying macro runnable without the network.
    const unfilled = planMacro(input(storyOne, { texts: new Map([[0, '【待填写：预计恢复时间】']]) }));
    expect(refusal(unfilled, false)).toEqual({ kind: 'offline' });
  });

  it('skips changes that change nothing, seeing earlier steps of the same macro', () => {
    const plan = planMacro(
      input([
        { type: 'status', status: 'open' },
        { type: 'priority', priority: 'high' },
        { type: 'priority', priority: 'high' },
        { type: 'assign', agentId: 'self' },
        { type: 'assign', agentId: null },
        { type: 'assignTeam', teamId: 'T1' },
        { type: 'assignTeam', teamId: 'T9' },
      ]),
    );
    expect(ticketMutations(plan)).toEqual([
      { name: 'conversation.setPriority', args: { conversationId: 'C1', priority: 'high' } },
      { name: 'conversation.assign', args: { conversationId: 'C1', assigneeId: null } },
      { name: 'conversation.assign', args: { conversationId: 'C1', assigneeId: null, teamId: 'T9' } },
    ]);
  });

  it('needs an order for refunds, reissues and credits, not for coupons and surveys', () => {
    const actions: MacroAction[] = [
      { type: 'refund', cause: '充值失败' },
      { type: 'reissue', cause: '卡密无效' },
      { type: 'credit', percent: 10, cause: '不符' },
      { type: 'coupon', amountCents: 100, cause: '补偿' },
      { type: 'survey' },
    ];
    const plan = planMacro(input(actions, { conversation: conversation({ orderId: null }) }));
    expect(plan.problems).toEqual([0, 1, 2].map((index) => ({ kind: 'noOrder', index })));
    const withOrder = planMacro(input(actions));
    expect(networkSteps(withOrder).map((s) => (s.call.kind === 'survey' ? 'survey' : s.call.body))).toEqual([
      { kind: 'refund', requestId: 'RUN01-0', conversationId: 'C1', note: '', cause: '充值失败' },
      { kind: 'reissue', requestId: 'RUN01-1', conversationId: 'C1', note: '', cause: '卡密无效' },
      { kind: 'credit', requestId: 'RUN01-2', conversationId: 'C1', note: '', cause: '不符', percent: 10 },
      { kind: 'coupon', requestId: 'RUN01-3', conversationId: 'C1', note: '', cause: '补偿', amountCents: 100 },
      'survey',
    ]);
  });
});
