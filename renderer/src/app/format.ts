const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

// Building an Intl formatter is costly next to using one; inbox rows format many times.
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** Clock time for today, month-day and time for earlier days. */
export function formatTime(iso: string, lng: string, now: number = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now).toDateString() === date.toDateString();
  const f = cached(`time:${lng}:${today}`, () =>
    new Intl.DateTimeFormat(lng, {
      ...(today ? {} : { month: '2-digit', day: '2-digit' }),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  );
  return f.format(date);
}

export function formatMoney(cents: number, lng: string): string {
  return cached(`money:${lng}`, () => new Intl.NumberFormat(lng, { style: 'currency', currency: 'CNY' })).format(cents / 100);
}
