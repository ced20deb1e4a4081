import { classifyConversation, train } from './classifier';
import type { Classification, NbModel } from './classifier';
import { LABELLED } from './dataset';
import { extractEntities } from './extract';
import type { Extraction } from './extract';
import { priorityHint } from './priority';
import type { PriorityHint } from './priority';

export * from './classifier';
export * from './extract';
export * from './priority';

// The labelled set is a few hundred lines: training takes milliseconds, so it happens at load.
const DEFAULT_MODEL = train(LABELLED);

/**
 * A model trained on the full labelled set, as a fresh copy: learn() on it changes only the
 * caller's copy, which the caller persists (serialiseModel) and reloads (parseModel).
 */
export function defaultClassifier(): NbModel {
  return structuredClone(DEFAULT_MODEL);
}

export type Facts = Omit<Extraction, 'entities' | 'maskedText'>;

export interface Triage {
  classification: Classification;
  priority: PriorityHint;
  /** Entities from every message given, deduplicated; card keys masked. */
  facts: Facts;
}

/**
 * Everything the inbound pipeline needs for a conversation: category from its opening customer
 * messages, urgency from everything they wrote (a later 12315 still raises it), and the order
 * numbers, games and keys mentioned.
 */
export function triage(model: NbModel, customerMessages: readonly string[]): Triage {
  const classification = classifyConversation(model, customerMessages);
  const extractions = customerMessages.map((m) => extractEntities(m));
  const merged = <T>(pick: (e: Extraction) => T[]) => [...new Set(extractions.flatMap(pick))];
  return {
    classification,
    priority: priorityHint(customerMessages.join('\n'), classification.category),
    facts: {
      orderNumbers: merged((e) => e.orderNumbers),
      cardKeys: merged((e) => e.cardKeys),
      games: merged((e) => e.games),
      products: merged((e) => e.products),
      amountsCents: extractions.flatMap((e) => e.amountsCents),
      phones: merged((e) => e.phones),
    },
  };
}
