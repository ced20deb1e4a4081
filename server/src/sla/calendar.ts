import { z } from 'zod';
import { addDays, civilDateAt, type CivilDate, formatDate, instantOf, isoWeekday, isTimeZone } from './zoned-time';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minuteOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Open hours on some weekdays (ISO: 1 = Monday … 7 = Sunday). A night shift is two windows, before and after midnight. */
export const BusinessWindow = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1),
    start: z.string().regex(HHMM, 'HH:MM'),
    end: z.string().regex(HHMM, 'HH:MM (24:00 for midnight)'),
  })
  .refine((w) => minuteOfDay(w.start) < minuteOfDay(w.end), { message: 'start must be before end', path: ['end'] });
export type BusinessWindow = z.infer<typeof BusinessWindow>;

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** A team's working time: weekly hours in its time zone, minus holidays (local dates). */
export const BusinessCalendar = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
  hours: z.union([z.literal('always'), z.array(BusinessWindow).min(1)]),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isRealDate, 'not a calendar date')),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Round the clock; live chat is staffed 7×24 and so are teams by default. */
export const ALWAYS_OPEN: BusinessCalendar = { timeZone: 'Asia/Shanghai', hours: 'always', holidays: [] };

const WHOLE_DAY: BusinessWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }];

/** Give up looking for open time after ten years: only a calendar of nothing but holidays gets there. */
const MAX_DAYS = 3660;

/** Each weekday's windows as [startMinute, endMinute), sorted by start. */
function weekTable(cal: BusinessCalendar): [number, number][][] {
  const table: [number, number][][] = Array.from({ length: 8 }, () => []);
  for (const w of cal.hours === 'always' ? WHOLE_DAY : cal.hours) {
    for (const d of w.days) table[d]!.push([minuteOfDay(w.start), minuteOfDay(w.end)]);
  }
  for (const day of table) day.sort((a, b) => a[0] - b[0]);
  return table;
}

/**
 * The calendar's open intervals [start, end) from `from` onwards, in order and without
 * overlap (overlapping windows, or a DST jump at midnight, are clipped rather than counted twice).
 */
export function* openIntervals(cal: BusinessCalendar, from: number): Generator<[number, number]> {
  // The common case (chat, and every team by default) needs no calendar walk at all.
  if (cal.hours === 'always' && cal.holidays.length === 0) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  const table = weekTable(cal);
  const holidays = new Set(cal.holidays);
  let lastEnd = from;
  // Start a day early: the local date at `from` may begin after a window that still covers it.
  let date: CivilDate = addDays(civilDateAt(cal.timeZone, from), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    if (holidays.has(formatDate(date))) continue;
    for (const [startMin, endMin] of table[isoWeekday(date)]!) {
      const start = Math.max(instantOf(cal.timeZone, date, startMin), lastEnd);
      const end = instantOf(cal.timeZone, date, endMin);
      if (end <= start) continue;
      yield [start, end];
      lastEnd = end;
    }
  }
  throw new Error(`no open business time within ${MAX_DAYS} days of ${new Date(from).toISOString()}`);
}

/** Open business time between two instants, in ms. */
export function businessTimeBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  for (const [start, end] of openIntervals(cal, from)) {
    if (start >= to) break;
    total += Math.min(end, to) - start;
  }
  return total;
}

/** The instant at which `ms` of business time has passed since `from`. */
export function addBusinessTime(cal: BusinessCalendar, from: number, ms: number): number {
  if (ms <= 0) return from;
  let rest = ms;
  for (const [start, end] of openIntervals(cal, from)) {
    if (end - start >= rest) return start + rest;
    rest -= end - start;
  }
  throw new Error('unreachable: open intervals never run out');
}
