import type { TFunction } from 'i18next';
import { ApiRequestError } from '../data';

/**
 * Why a casework call failed, as the agent needs to hear it: no network (try again when
 * back), a refusal by the server (a rule said no; retrying the same will not help), or a
 * failure that retrying with the same request id may fix.
 */
export type Failure = { kind: 'network' } | { kind: 'refused'; code: string; message: string } | { kind: 'failed'; message: string };

export function failureOf(err: unknown): Failure {
  if (!(err instanceof ApiRequestError)) return { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
  if (err.kind === 'network') return { kind: 'network' };
  if (err.kind === 'http' && err.status !== null && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
    return { kind: 'refused', code: err.code, message: err.message };
  }
  return { kind: 'failed', message: err.message };
}

/** Features whose i18n texts have `offline`, `refused` and `failed` (the last two with the server's `{{message}}`). */
export type FailurePrefix = 'compensation' | 'disputes' | 'proactive' | 'reports.error' | 'security';

/** A failure in the words of the feature whose texts `prefix` names. */
export function failureText(failure: Failure, prefix: FailurePrefix, t: TFunction): string {
  return failure.kind === 'network' ? t(`${prefix}.offline`) : t(`${prefix}.${failure.kind}`, { message: failure.message });
}
