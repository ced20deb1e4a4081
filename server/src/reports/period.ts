import { daysBetween, type ReportQuery } from '../../../protocol/reports';
import { CHINA_OFFSET_MS, chinaWallClock } from '../casework/china-time';

const DAY_MS = 86_400_000;

/** A report period: whole China-time days `from`..`to` inclusive, i.e. the instants [start, end). */
export interface ReportPeriod {
  label: string;
  from: string;
  to: string;
  start: Date;
  end: Date;
  /** Every day of the period, `YYYY-MM-DD`, in order. */
  days: string[];
}

/** The China-time calendar day of an instant. */
export const chinaDay = (at: Date | number): string => chinaWallClock(new Date(at)).toISOString().slice(0, 10);

const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);

function lastDayOfMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
}

/** The period a validated query names (ReportQuery has checked the dates and the span). */
export function reportPeriod(q: ReportQuery): ReportPeriod {
  const from = q.month !== undefined ? `${q.month}-01` : q.from!;
  const to = q.month !== undefined ? lastDayOfMonth(q.month) : q.to!;
  const start = dayStart(from);
  const count = daysBetween(from, to) + 1;
  const days = Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10));
  return { label: q.month ?? `${from}..${to}`, from, to, start, end: new Date(start.getTime() + count * DAY_MS), days };
}
