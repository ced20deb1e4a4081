import { describe, expect, it } from 'vitest';
import type { ClockState, SlaClock, SlaEvaluation } from './clock';
import { DEFAULT_ESCALATIONS, EscalationRules, escalationsFor } from './escalation';

const clock = (state: ClockState, over: Partial<SlaClock> = {}): SlaClock => ({
  policyId: 'default',
  state,
  targetMs: 600_000,
  elapsedMs: 0,
  remainingMs: 600_000,
  dueAt: null,
  startedAt: 1_000,
  stoppedAt: null,
  ...over,
});

const evaluation = (over: Partial<SlaEvaluation> = {}): SlaEvaluation => ({
  firstResponse: clock('ok'),
  nextResponse: null,
  resolution: clock('ok'),
  ...over,
});

const actions = (e: SlaEvaluation, fired?: Set<string>) =>
  escalationsFor(e, DEFAULT_ESCALATIONS, fired).map((x) => `${x.metric}:${x.action}`);

describe('SLA escalations', () => {
  it('does nothing while every clock is fine, paused or met', () => {
    expect(actions(evaluation({ firstResponse: clock('met', { stoppedAt: 2_000 }), resolution: clock('paused') }))).toEqual([]);
  });

  it('notifies the supervisor on a warning', () => {
    expect(actions(evaluation({ firstResponse: clock('warning') }))).toEqual(['firstResponse:notify_supervisor']);
  });

  it('notifies and raises priority on a breach, and moves an unresolved ticket to the senior team', () => {
    expect(actions(evaluation({ nextResponse: clock('breached') }))).toEqual([
      'nextResponse:notify_supervisor',
      'nextResponse:raise_priority',
    ]);
    expect(actions(evaluation({ resolution: clock('breached') }))).toEqual([
      'resolution:notify_supervisor',
      'resolution:raise_priority',
      'resolution:move_to_senior',
    ]);
  });

  it('leaves clocks that stopped late to the reports', () => {
    expect(actions(evaluation({ firstResponse: clock('breached', { stoppedAt: 900_000 }) }))).toEqual([]);
  });

  it('fires each action once per wait, and again for a new wait', () => {
    const e = evaluation({ nextResponse: clock('breached', { startedAt: 5_000 }) });
    const first = escalationsFor(e, DEFAULT_ESCALATIONS);
    const fired = new Set(first.map((x) => x.key));
    expect(escalationsFor(e, DEFAULT_ESCALATIONS, fired)).toEqual([]);
    const nextWait = evaluation({ nextResponse: clock('breached', { startedAt: 9_000 }) });
    expect(escalationsFor(nextWait, DEFAULT_ESCALATIONS, fired)).toHaveLength(2);
  });

  it('merges the same action from overlapping rules', () => {
    const rules = EscalationRules.parse([
      { id: 'a', on: 'warning', actions: ['notify_supervisor'] },
      { id: 'b', metrics: ['firstResponse'], on: 'warning', actions: ['notify_supervisor', 'raise_priority'] },
    ]);
    const got = escalationsFor(evaluation({ firstResponse: clock('warning') }), rules);
    expect(got.map((x) => [x.ruleId, x.action])).toEqual([
      ['a', 'notify_supervisor'],
      ['b', 'raise_priority'],
    ]);
    expect(got[0]!.key).toBe('firstResponse@1000:warning:notify_supervisor');
  });

  it('validates admin-edited rules', () => {
    expect(EscalationRules.safeParse([{ id: 'x', on: 'late', actions: ['notify_supervisor'] }]).success).toBe(false);
    expect(EscalationRules.safeParse([{ id: 'x', on: 'warning', actions: [] }]).success).toBe(false);
    expect(EscalationRules.safeParse([{ id: 'x', on: 'warning', actions: ['page_ceo'] }]).success).toBe(false);
    const rule = { id: 'x', on: 'warning', actions: ['notify_supervisor'] };
    expect(EscalationRules.safeParse([rule, rule]).success).toBe(false);
  });
});
