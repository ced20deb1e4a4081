/**
 * Wall-clock ↔ instant conversion in an IANA time zone with nothing but Intl. Instants are
 * epoch milliseconds. China has no DST, but teams abroad do, so nothing here assumes a
 * fixed offset: the offset is looked up for the instant in question.
 */

/** A calendar date in some time zone (month 1–12). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23 avoids the "24:00" that some engines print for midnight with hour12: false.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(timeZone: string, at: number) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** Milliseconds the zone's wall clock is ahead of UTC at that instant (+8 h for Asia/Shanghai). */
export function offsetAt(timeZone: string, at: number): number {
  const w = wallClock(timeZone, at);
  // The wall clock has whole seconds; compare against the instant truncated the same way.
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

export function civilDateAt(timeZone: string, at: number): CivilDate {
  const w = wallClock(timeZone, at);
  return { year: w.year, month: w.month, day: w.day };
}

const DAY = 86_400_000;

/**
 * The instant when the zone's clock shows `minuteOfDay` minutes past midnight on `date`
 * (1440 = the following midnight). Like Temporal's "compatible" choice, a wall time repeated
 * when clocks go back is its first occurrence, and one skipped when they go forward is read
 * with the offset in force before the jump, so it lands just after it.
 */
export function instantOf(timeZone: string, date: CivilDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Offset transitions are months apart, so a day either side gives the offsets in play.
  const before = wall - offsetAt(timeZone, wall - DAY);
  const after = wall - offsetAt(timeZone, wall + DAY);
  const valid = [before, after].filter((t) => t + offsetAt(timeZone, t) === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

/** YYYY-MM-DD, the form holidays are listed in. */
export function formatDate(date: CivilDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}
