/**
 * One spelling per phone number, so a customer is the same whether the call platform or the
 * ticket form wrote "+86 138-0000-0000", "008613800000000" or "13800000000". Returns null
 * for anything that is not a phone number.
 */
export function normalizePhone(raw: string): string | null {
  let n = raw.trim().replace(/[\s\-().]/g, '');
  if (n.startsWith('00')) n = `+${n.slice(2)}`;
  if (!/^\+?\d{3,20}$/.test(n)) return null;
  // Mainland mobile numbers are written without the country code more often than with it.
  if (/^1[3-9]\d{9}$/.test(n)) n = `+86${n}`;
  return n;
}
