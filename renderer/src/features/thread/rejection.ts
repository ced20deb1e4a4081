import type { TFunction } from 'i18next';
import { REJECTION_CODES } from '../../../../protocol';
import type { Rejection } from '../../data';

type Code = (typeof REJECTION_CODES)[number];
const isKnown = (code: string): code is Code => (REJECTION_CODES as readonly string[]).includes(code);

/** The reason in the agent's language when the code is known, else the server's own text. */
export function rejectionText(t: TFunction, rejection: Rejection): string {
  if (!isKnown(rejection.code)) return rejection.message;
  if (rejection.code === 'reassigned' && !rejection.params.agentName) return rejection.message;
  return t(`rejection.${rejection.code}`, { ...rejection.params, message: rejection.message });
}
