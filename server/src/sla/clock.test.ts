import { describe, expect, it } from 'vitest';
import type { Priority } from '../../../protocol/entities';
import type { TicketFacts } from '../routing/conditions';
import { ALWAYS_OPEN, type BusinessCalendar } from './calendar';
import { evaluateSla, type TimelineEvent } from './clock';
import { DEFAULT_SLA, resolveTargets } from './policy';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// Monday 23 November 2026, 10:00 in Shanghai.
const T0 = Date.parse('2026-11-23T02:00:00Z');

const OFFICE: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
};

type Facts = TicketFacts & { priority: Priority };
const CHAT: Facts = { category: 'how_to', tier: 'individual', vip: false, channel: 'webchat', groupMention: false, priority: 'normal' };
const FORM: Facts = { ...CHAT, channel: 'form' };

const created = (at: number): TimelineEvent => ({ at, type: 'created' });
const customer = (at: number): TimelineEvent => ({ at, type: 'customer_message' });
const reply = (at: number): TimelineEvent => ({ at, type: 'agent_reply' });
const status = (at: number, s: Extract<TimelineEvent, { type: 'status' }>['status']): TimelineEvent => ({ at, type: 'status', status: s });

function evaluate(timeline: TimelineEvent[], now: number, facts = CHAT, calendar = ALWAYS_OPEN) {
  return evaluateSla({
    timeline,
    targets: resolveTargets(DEFAULT_SLA, facts, false),
    calendar,
    pauseStatuses: DEFAULT_SLA.pauseStatuses,
    now,
  });
}

describe('first response', () => {
  const opened = [created(T0), customer(T0)];

  it('runs, warns at 80 % and breaches past the target', () => {
    expect(evaluate(opened, T0 + 20 * SEC).firstResponse).toEqual({
      policyId: 'chat',
      state: 'ok',
      targetMs: 30 * SEC,
      elapsedMs: 20 * SEC,
      remainingMs: 10 * SEC,
      dueAt: T0 + 30 * SEC,
      startedAt: T0,
      stoppedAt: null,
    });
    expect(evaluate(opened, T0 + 24 * SEC).firstResponse.state).toBe('warning');
    expect(evaluate(opened, T0 + 30 * SEC).firstResponse.state).toBe('warning');
    expect(evaluate(opened, T0 + 31 * SEC).firstResponse).toMatchObject({
      state: 'breached',
      remainingMs: -1 * SEC,
      dueAt: T0 + 30 * SEC,
    });
  });

  it('is met by a reply in time and stays breached after a late one', () => {
    expect(evaluate([...opened, reply(T0 + 20 * SEC)], T0 + HOUR).firstResponse).toMatchObject({
      state: 'met',
      elapsedMs: 20 * SEC,
      dueAt: null,
      stoppedAt: T0 + 20 * SEC,
    });
    expect(evaluate([...opened, reply(T0 + 45 * SEC)], T0 + HOUR).firstResponse).toMatchObject({
      state: 'breached',
      elapsedMs: 45 * SEC,
      dueAt: T0 + 30 * SEC,
      stoppedAt: T0 + 45 * SEC,
    });
  });

  it('counts only business hours across a weekend', () => {
    // Friday 17:55 Shanghai, a web-form ticket on a 09:00–18:00 team.
    const fri = Date.parse('2026-11-20T09:55:00Z');
    const tl = [created(fri)];
    const sat = evaluate(tl, Date.parse('2026-11-21T04:00:00Z'), FORM, OFFICE).firstResponse;
    expect(sat).toMatchObject({ state: 'ok', elapsedMs: 5 * MIN, remainingMs: 5 * MIN });
    expect(iso(sat.dueAt)).toBe('2026-11-23T01:05:00.000Z');
    expect(evaluate(tl, Date.parse('2026-11-23T01:04:00Z'), FORM, OFFICE).firstResponse.state).toBe('warning');
    expect(evaluate(tl, Date.parse('2026-11-23T01:06:00Z'), FORM, OFFICE).firstResponse.state).toBe('breached');
  });

  it('counts an email’s 48 h across the National Day holidays', () => {
    // Wednesday 30 September 17:00: 1 h that day, then 9 h a working day from Thursday 8 October;
    // by 10:00 on the 8th, 2 h have counted.
    const wed = Date.parse('2026-09-30T09:00:00Z');
    const email = { ...CHAT, channel: 'email' } as const;
    const r = evaluate([created(wed)], Date.parse('2026-10-08T02:00:00Z'), email, OFFICE).firstResponse;
    expect(r).toMatchObject({ state: 'ok', elapsedMs: 2 * HOUR });
    expect(iso(r.dueAt)).toBe('2026-10-15T03:00:00.000Z');
  });

  it('warns on urgent faults once the 5-minute golden time has gone', () => {
    const urgent: Facts = { ...FORM, category: 'account_anomaly', priority: 'urgent' };
    expect(evaluate([created(T0)], T0 + 4 * MIN, urgent).firstResponse.state).toBe('ok');
    expect(evaluate([created(T0)], T0 + 5 * MIN, urgent).firstResponse.state).toBe('warning');
    expect(evaluate([created(T0)], T0 + 10 * MIN + 1, urgent).firstResponse.state).toBe('breached');
  });

  it('is no longer owed once the ticket is resolved without a reply', () => {
    const r = evaluate([created(T0), status(T0 + 20 * SEC, 'resolved')], T0 + HOUR);
    expect(r.firstResponse).toMatchObject({ state: 'met', stoppedAt: T0 + 20 * SEC });
    expect(r.nextResponse).toBeNull();
  });
});

describe('pauses while waiting on the customer', () => {
  const tl = [
    created(T0),
    reply(T0 + 5 * MIN),
    status(T0 + 6 * MIN, 'waiting_customer'),
    // The customer's answer ends the wait without an explicit status change.
    customer(T0 + 66 * MIN),
  ];

  it('freezes the clock and resumes it when the customer answers', () => {
    const paused = evaluate(tl, T0 + 30 * MIN, FORM, OFFICE).resolution;
    expect(paused).toMatchObject({ state: 'paused', elapsedMs: 6 * MIN, remainingMs: 114 * MIN, dueAt: null });
    const resumed = evaluate(tl, T0 + 96 * MIN, FORM, OFFICE).resolution;
    expect(resumed).toMatchObject({ state: 'ok', elapsedMs: 36 * MIN, remainingMs: 84 * MIN, dueAt: T0 + 180 * MIN });
  });

  it('combines pauses with closed hours', () => {
    // Waiting from 17:00 Monday until the customer answers at 11:00 Tuesday: none of it counts.
    const evening = [created(T0), reply(T0 + MIN), status(T0 + 7 * HOUR, 'waiting_customer'), customer(T0 + 25 * HOUR)];
    const r = evaluate(evening, T0 + 25 * HOUR + 30 * MIN, FORM, OFFICE).resolution;
    expect(r).toMatchObject({ elapsedMs: 7 * HOUR + 30 * MIN, state: 'breached', dueAt: T0 + 2 * HOUR });
  });

  it('stays breached when the pause comes too late', () => {
    const r = evaluate([created(T0), status(T0 + 40 * SEC, 'waiting_customer')], T0 + 100 * SEC).firstResponse;
    expect(r).toMatchObject({ state: 'breached', elapsedMs: 40 * SEC, dueAt: T0 + 30 * SEC });
  });

  it('keeps running while waiting on a supplier: that wait is ours', () => {
    const r = evaluate([created(T0), reply(T0 + 10 * SEC), status(T0 + MIN, 'waiting_supplier')], T0 + HOUR).resolution;
    expect(r).toMatchObject({ state: 'ok', elapsedMs: HOUR });
  });
});

describe('next response', () => {
  const tl = [created(T0), customer(T0), reply(T0 + 10 * SEC), customer(T0 + 100 * SEC), customer(T0 + 120 * SEC)];

  it('waits on nothing until the customer writes after the first answer', () => {
    expect(evaluate(tl.slice(0, 3), T0 + 90 * SEC).nextResponse).toBeNull();
  });

  it('runs from the first unanswered message', () => {
    expect(evaluate(tl, T0 + 150 * SEC).nextResponse).toMatchObject({
      policyId: 'chat',
      state: 'warning',
      startedAt: T0 + 100 * SEC,
      elapsedMs: 50 * SEC,
      dueAt: T0 + 160 * SEC,
    });
  });

  it('reports the latest wait, answered or not', () => {
    const late = [...tl, reply(T0 + 170 * SEC)];
    expect(evaluate(late, T0 + 180 * SEC).nextResponse).toMatchObject({ state: 'breached', stoppedAt: T0 + 170 * SEC });
    expect(evaluate([...late, customer(T0 + 200 * SEC)], T0 + 210 * SEC).nextResponse).toMatchObject({
      state: 'ok',
      startedAt: T0 + 200 * SEC,
      elapsedMs: 10 * SEC,
    });
  });
});

describe('resolution', () => {
  const tl = [created(T0), reply(T0 + 10 * SEC), status(T0 + 90 * MIN, 'resolved')];

  it('is met when resolved in time', () => {
    expect(evaluate(tl, T0 + 2 * HOUR).resolution).toMatchObject({ state: 'met', elapsedMs: 90 * MIN, stoppedAt: T0 + 90 * MIN });
  });

  it('runs on when the customer reopens the ticket, without counting the resolved time', () => {
    const reopened = [...tl, customer(T0 + 3 * HOUR)];
    expect(evaluate(reopened, T0 + 3.5 * HOUR).resolution).toMatchObject({ state: 'warning', elapsedMs: 2 * HOUR });
    expect(evaluate(reopened, T0 + 3.5 * HOUR + 1).resolution).toMatchObject({ state: 'breached', dueAt: T0 + 3.5 * HOUR });
    // Reopening also starts a next-response wait.
    expect(evaluate(reopened, T0 + 3 * HOUR + 10 * SEC).nextResponse).toMatchObject({ state: 'ok', startedAt: T0 + 3 * HOUR });
  });
});

describe('timeline handling', () => {
  it('ignores events after now and accepts them in any order', () => {
    const shuffled = [reply(T0 + 20 * SEC), customer(T0), created(T0), status(T0 + 10 * MIN, 'resolved')];
    expect(evaluate(shuffled, T0 + 15 * SEC).firstResponse).toMatchObject({ state: 'ok', elapsedMs: 15 * SEC });
    expect(evaluate(shuffled, T0 + 5 * MIN).firstResponse).toMatchObject({ state: 'met', stoppedAt: T0 + 20 * SEC });
  });

  it('reads a now just before creation (clock skew) as the moment of creation', () => {
    expect(evaluate([created(T0)], T0 - 2 * SEC).firstResponse).toMatchObject({ state: 'ok', elapsedMs: 0, dueAt: T0 + 30 * SEC });
  });

  it('needs the created event', () => {
    expect(() => evaluate([customer(T0)], T0 + SEC)).toThrow(/created/);
  });
});
