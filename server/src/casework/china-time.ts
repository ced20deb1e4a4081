/** China keeps one time zone, UTC+8, with no daylight saving. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant shifted so that its getUTC* fields read as the wall clock in China. */
export const chinaWallClock = (d: Date): Date => new Date(d.getTime() + CHINA_OFFSET_MS);
