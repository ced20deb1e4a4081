import { describe, expect, it } from 'vitest';
import { planSla } from '../sla/ticket';
import { DEFAULT_POLICIES, workspaceCalendar } from './policies';

const OFFICE = JSON.stringify({
  timeZone: 'Asia/Shanghai',
  hours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
  holidays: ['2026-11-23'],
});

describe('the workspace calendar for business-clock SLA targets', () => {
  it('is round the clock unless configured, and refuses a bad setting with a reason', () => {
    expect(workspaceCalendar(undefined).hours).toBe('always');
    expect(workspaceCalendar(' ').hours).toBe('always');
    expect(() => workspaceCalendar('{')).toThrow('not valid JSON');
    expect(() => workspaceCalendar(JSON.stringify({ timeZone: 'Mars/Base', hours: 'always', holidays: [] }))).toThrow('unknown IANA time zone');
  });

  it('counts office hours and skips holidays on the business clock, not on the chat clock', () => {
    const policies = { ...DEFAULT_POLICIES, calendar: workspaceCalendar(OFFICE) };
    // Friday 2026-11-20, 17:55 in Shanghai; Monday the 23rd is a holiday.
    const at = Date.parse('2026-11-20T17:55:00+08:00');
    const opened = (channel: 'email' | 'webchat') =>
      planSla(
        {
          id: 't',
          facts: { category: 'order_state', tier: 'individual', vip: false, channel, groupMention: false, priority: 'normal' },
          timeline: [
            { at, type: 'created' },
            { at, type: 'customer_message' },
          ],
          stored: null,
          fired: new Set(),
        },
        policies,
        at,
      ).sla;
    // Email: 48 business hours = 5 min on Friday, then Tuesday to the following Tuesday (9 h a day) … 47 h 55 min on.
    // Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 = 45 h; 2 h 55 min more on Tuesday 1 December: 11:55.
    expect(new Date(opened('email').firstResponseDueAt!).toISOString()).toBe(new Date('2026-12-01T11:55:00+08:00').toISOString());
    // Web chat runs round the clock: 30 s.
    expect(opened('webchat').firstResponseDueAt).toBe(at + 30_000);
  });
});
