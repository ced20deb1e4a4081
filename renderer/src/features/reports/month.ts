// Report months are calendar months in China time (UTC+8, no daylight saving), as on the server.
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The month it is now in China, `YYYY-MM`. */
export const chinaMonth = (now: number): string => new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 7);

/** The month `delta` months after `month` (before, when negative). */
export function shiftMonth(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1 + delta, 1)).toISOString().slice(0, 7);
}

export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

export const exportFileName = (month: string, format: 'csv' | 'pdf') => `kadesk-service-report-${month}.${format}`;
