import type { ChannelHealth, OrderSupplierResponse, SupplierErrorCode, SupplierPart } from '../../../../protocol';

/** How long ago a cached answer was fetched, in the largest whole unit. */
export type Age = { unit: 'seconds' | 'minutes' | 'hours' | 'days'; count: number };

export function ageOf(seconds: number): Age {
  if (seconds < 60) return { unit: 'seconds', count: Math.max(0, Math.floor(seconds)) };
  if (seconds < 3600) return { unit: 'minutes', count: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', count: Math.floor(seconds / 3600) };
  return { unit: 'days', count: Math.floor(seconds / 86_400) };
}

export type Tone = 'ok' | 'warn' | 'bad';

export function healthTone(health: ChannelHealth): Tone {
  return health.state === 'healthy' ? 'ok' : health.state === 'congested' ? 'warn' : 'bad';
}

/** What a part of a lookup shows: live data, the last known data with its age, or only why there is none. */
export type PartView<T> =
  | { kind: 'fresh'; data: T }
  | { kind: 'stale'; data: T; age: Age; error: SupplierErrorCode | null }
  | { kind: 'missing'; error: SupplierErrorCode; message: string };

export function partView<T>(part: SupplierPart<T>): PartView<T> {
  if (!part.ok) return { kind: 'missing', error: part.error.code, message: part.error.message };
  if (!part.stale) return { kind: 'fresh', data: part.data };
  return { kind: 'stale', data: part.data, age: ageOf(part.ageSeconds), error: part.error?.code ?? null };
}

/**
 * The banner over a lookup: none when every part is live; `partial` when some parts fall
 * back to the cache or failed; `unavailable` when the supplier answered nothing at all. The
 * error is the one most parts share, so the banner can say what happened.
 */
export type LookupBanner = { kind: 'none' } | { kind: 'partial' | 'unavailable'; error: SupplierErrorCode };

export function lookupBanner(res: OrderSupplierResponse): LookupBanner {
  const parts: Array<SupplierPart<unknown>> = [res.health, res.cardKeys, res.inventory, res.distribution];
  const errors = parts.flatMap((p) => (!p.ok ? [p.error.code] : p.stale && p.error ? [p.error.code] : []));
  if (errors.length === 0) return { kind: 'none' };
  const counts = new Map<SupplierErrorCode, number>();
  for (const e of errors) counts.set(e, (counts.get(e) ?? 0) + 1);
  const error = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const live = parts.some((p) => p.ok && !p.stale);
  return { kind: live ? 'partial' : 'unavailable', error };
}
