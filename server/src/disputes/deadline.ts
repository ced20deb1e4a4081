import { DISPUTE_REVIEW_HOURS } from '../../../protocol/disputes';
import { chinaWallClock } from '../casework/china-time';

const HOUR = 60 * 60 * 1000;

/** Disputes are reviewed within 24 hours of being opened (纠纷 24 小时内完成审核). */
export function reviewDueAt(openedAt: Date): Date {
  return new Date(openedAt.getTime() + DISPUTE_REVIEW_HOURS * HOUR);
}

export function isOverdue(status: 'open' | 'decided', dueAt: Date, now: Date): boolean {
  return status === 'open' && now.getTime() > dueAt.getTime();
}

/** A deadline as the customer reads it: Beijing time, e.g. 11月23日 14:05. */
export function chinaTime(d: Date): string {
  const t = chinaWallClock(d);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
