import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessTime, ALWAYS_OPEN, BusinessCalendar, businessTimeBetween } from './calendar';
import { civilDateAt, instantOf, isoWeekday, offsetAt } from './zoned-time';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;
const MIN = 60_000;

const WEEKDAYS = [1, 2, 3, 4, 5];
const shanghaiOffice = BusinessCalendar.parse({
  timeZone: 'Asia/Shanghai',
  hours: [{ days: WEEKDAYS, start: '09:00', end: '18:00' }],
  // 国庆节 2026: Thursday 1 October to Wednesday 7 October.
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
});

describe('time-zone math', () => {
  it('reads offsets for the instant, with and without DST', () => {
    expect(offsetAt('Asia/Shanghai', t('2026-01-15T00:00:00Z'))).toBe(8 * H);
    expect(offsetAt('Asia/Shanghai', t('2026-07-15T00:00:00Z'))).toBe(8 * H);
    expect(offsetAt('America/New_York', t('2026-01-15T12:00:00Z'))).toBe(-5 * H);
    expect(offsetAt('America/New_York', t('2026-07-15T12:00:00Z'))).toBe(-4 * H);
    expect(offsetAt('Asia/Kolkata', t('2026-07-15T12:00:00Z'))).toBe(5.5 * H);
  });

  it('turns local wall times into instants', () => {
    expect(iso(instantOf('Asia/Shanghai', { year: 2026, month: 11, day: 23 }, 9 * 60))).toBe('2026-11-23T01:00:00.000Z');
    // 24:00 is the next midnight, across a month end.
    expect(iso(instantOf('Asia/Shanghai', { year: 2026, month: 11, day: 30 }, 24 * 60))).toBe('2026-11-30T16:00:00.000Z');
    expect(civilDateAt('Asia/Shanghai', t('2026-11-22T16:30:00Z'))).toEqual({ year: 2026, month: 11, day: 23 });
    expect(isoWeekday({ year: 2026, month: 11, day: 22 })).toBe(7);
  });

  it('resolves DST gaps forward and repeated times to their first occurrence', () => {
    const ny = (month: number, day: number, minute: number) => iso(instantOf('America/New_York', { year: 2026, month, day }, minute));
    // 02:30 does not exist on 8 March 2026 in New York; it reads as 03:30 EDT.
    expect(ny(3, 8, 150)).toBe('2026-03-08T07:30:00.000Z');
    expect(ny(3, 8, 180)).toBe('2026-03-08T07:00:00.000Z');
    // 01:30 happens twice on 1 November 2026; the first is EDT.
    expect(ny(11, 1, 90)).toBe('2026-11-01T05:30:00.000Z');
    // East of UTC too: 02:30 twice in Berlin on 25 October 2026, first in CEST.
    expect(iso(instantOf('Europe/Berlin', { year: 2026, month: 10, day: 25 }, 150))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('business time', () => {
  it('counts only open hours over a night and a weekend', () => {
    // Friday 17:00 Shanghai + 2 h of office time = Monday 10:00.
    expect(iso(addBusinessTime(shanghaiOffice, t('2026-11-20T09:00:00Z'), 2 * H))).toBe('2026-11-23T02:00:00.000Z');
    // Tuesday 17:30 + 1 h = Wednesday 09:30.
    expect(iso(addBusinessTime(shanghaiOffice, t('2026-11-24T09:30:00Z'), H))).toBe('2026-11-25T01:30:00.000Z');
    // Saturday noon → starts Monday 09:00.
    expect(iso(addBusinessTime(shanghaiOffice, t('2026-11-21T04:00:00Z'), 30 * MIN))).toBe('2026-11-23T01:30:00.000Z');
    expect(businessTimeBetween(shanghaiOffice, t('2026-11-20T09:00:00Z'), t('2026-11-23T02:00:00Z'))).toBe(2 * H);
  });

  it('skips holidays', () => {
    // Wednesday 30 September 17:00 + 2 h = Thursday 8 October 10:00, after the National Day week.
    expect(iso(addBusinessTime(shanghaiOffice, t('2026-09-30T09:00:00Z'), 2 * H))).toBe('2026-10-08T02:00:00.000Z');
    expect(businessTimeBetween(shanghaiOffice, t('2026-09-30T16:00:00Z'), t('2026-10-08T00:00:00Z'))).toBe(0);
    // Round the clock except the holiday: midnight to midnight Shanghai time drops out.
    const closedOnHoliday: BusinessCalendar = { ...ALWAYS_OPEN, holidays: ['2026-10-01'] };
    expect(businessTimeBetween(closedOnHoliday, t('2026-09-30T12:00:00Z'), t('2026-10-01T20:00:00Z'))).toBe(8 * H);
    expect(iso(addBusinessTime(closedOnHoliday, t('2026-09-30T15:00:00Z'), 2 * H))).toBe('2026-10-01T17:00:00.000Z');
  });

  it('treats a night shift split at midnight as one stretch', () => {
    const nights = BusinessCalendar.parse({
      timeZone: 'Asia/Shanghai',
      hours: [
        { days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '24:00' },
        { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '06:00' },
      ],
      holidays: [],
    });
    // Monday 23:30 + 1 h = Tuesday 00:30.
    expect(iso(addBusinessTime(nights, t('2026-11-23T15:30:00Z'), H))).toBe('2026-11-23T16:30:00.000Z');
    // Tuesday 05:00 + 2 h = 1 h before 06:00, then Tuesday 23:00.
    expect(iso(addBusinessTime(nights, t('2026-11-23T21:00:00Z'), 2 * H))).toBe('2026-11-24T15:00:00.000Z');
  });

  it('honours a lunch break and does not count overlapping windows twice', () => {
    const split = BusinessCalendar.parse({
      timeZone: 'Asia/Shanghai',
      hours: [
        { days: WEEKDAYS, start: '09:00', end: '12:00' },
        { days: WEEKDAYS, start: '13:30', end: '18:00' },
        { days: [1], start: '11:00', end: '12:00' },
      ],
      holidays: [],
    });
    // Monday 11:30 + 1 h = 30 min before lunch, 30 min after: 14:00.
    expect(iso(addBusinessTime(split, t('2026-11-23T03:30:00Z'), H))).toBe('2026-11-23T06:00:00.000Z');
    expect(businessTimeBetween(split, t('2026-11-22T16:00:00Z'), t('2026-11-23T16:00:00Z'))).toBe(7.5 * H);
  });

  it('follows the local clock across a DST change', () => {
    const nyOffice = BusinessCalendar.parse({
      timeZone: 'America/New_York',
      hours: [{ days: WEEKDAYS, start: '09:00', end: '17:00' }],
      holidays: [],
    });
    // Friday 6 March 16:00 EST + 2 h = Monday 9 March 10:00 EDT.
    expect(iso(addBusinessTime(nyOffice, t('2026-03-06T21:00:00Z'), 2 * H))).toBe('2026-03-09T14:00:00.000Z');
    // Round the clock, the local Sunday of the change is 23 real hours long.
    const nyAlways: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: 'America/New_York' };
    expect(businessTimeBetween(nyAlways, t('2026-03-08T05:00:00Z'), t('2026-03-09T04:00:00Z'))).toBe(23 * H);
  });

  it('adds and measures consistently at any instant and duration', () => {
    const calendars = [shanghaiOffice, ALWAYS_OPEN, { ...ALWAYS_OPEN, holidays: ['2026-05-01', '2026-05-02'] }];
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.integer({ min: t('2026-01-01T00:00:00Z'), max: t('2027-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 60 * H }),
        fc.integer({ min: 0, max: 10 * H }),
        (cal, from, ms, more) => {
          const due = addBusinessTime(cal, from, ms);
          expect(businessTimeBetween(cal, from, due)).toBe(ms);
          expect(addBusinessTime(cal, from, ms + more)).toBeGreaterThanOrEqual(due);
          expect(businessTimeBetween(cal, from, due + more)).toBeLessThanOrEqual(ms + more);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('measures nothing backwards and adds nothing for zero', () => {
    expect(businessTimeBetween(ALWAYS_OPEN, 10, 5)).toBe(0);
    expect(addBusinessTime(shanghaiOffice, t('2026-11-21T04:00:00Z'), 0)).toBe(t('2026-11-21T04:00:00Z'));
  });
});

describe('calendar validation', () => {
  const valid = { timeZone: 'Asia/Shanghai', hours: [{ days: [1], start: '09:00', end: '24:00' }], holidays: ['2026-10-01'] };
  it.each([
    ['an unknown time zone', { ...valid, timeZone: 'Mars/Olympus' }],
    ['a window that ends before it starts', { ...valid, hours: [{ days: [1], start: '18:00', end: '09:00' }] }],
    ['a weekday outside 1–7', { ...valid, hours: [{ days: [0], start: '09:00', end: '18:00' }] }],
    ['a malformed time', { ...valid, hours: [{ days: [1], start: '9:00', end: '18:00' }] }],
    ['an impossible holiday', { ...valid, holidays: ['2026-02-30'] }],
    ['no hours at all', { ...valid, hours: [] }],
  ])('rejects %s', (_, cal) => {
    expect(BusinessCalendar.safeParse(cal).success).toBe(false);
  });

  it('accepts office hours ending at midnight and the round-the-clock default', () => {
    expect(BusinessCalendar.safeParse(valid).success).toBe(true);
    expect(BusinessCalendar.parse(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
  });
});
