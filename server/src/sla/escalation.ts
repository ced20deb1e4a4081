import { z } from 'zod';
import { uniqueIds } from '../routing/conditions';
import type { SlaClock, SlaEvaluation } from './clock';
import { SLA_METRICS, type SlaMetric } from './policy';

export const ESCALATION_ACTIONS = ['notify_supervisor', 'raise_priority', 'move_to_senior'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export const EscalationRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  /** Which clocks it watches; all three when left out. */
  metrics: z.array(z.enum(SLA_METRICS)).min(1).optional(),
  on: z.enum(['warning', 'breached']),
  actions: z.array(z.enum(ESCALATION_ACTIONS)).min(1),
});
export type EscalationRule = z.infer<typeof EscalationRule>;

export const EscalationRules = z.array(EscalationRule).superRefine((rules, ctx) => uniqueIds(rules, ctx, 'rules'));

export const DEFAULT_ESCALATIONS: EscalationRule[] = EscalationRules.parse([
  { id: 'warn-supervisor', on: 'warning', actions: ['notify_supervisor'] },
  { id: 'breach-raise', on: 'breached', actions: ['notify_supervisor', 'raise_priority'] },
  // An unsolved ticket past its resolution target needs a senior agent, not just more urgency.
  { id: 'resolution-senior', metrics: ['resolution'], on: 'breached', actions: ['move_to_senior'] },
]);

export interface Escalation {
  action: EscalationAction;
  metric: SlaMetric;
  state: 'warning' | 'breached';
  ruleId: string;
  /**
   * Names this escalation for this wait of this clock. The caller records the keys it has
   * acted on (e.g. in the ticket's audit events) and passes them back, so an evaluation that
   * runs every few seconds triggers each action once.
   */
  key: string;
}

/**
 * The actions due for the clocks' current states. Only running or paused clocks escalate:
 * once answered or resolved, a late clock is a matter for reports, not for action.
 */
export function escalationsFor(
  evaluation: SlaEvaluation,
  rules: readonly EscalationRule[],
  alreadyFired: ReadonlySet<string> = new Set(),
): Escalation[] {
  const out = new Map<string, Escalation>();
  for (const metric of SLA_METRICS) {
    const clock: SlaClock | null = evaluation[metric];
    if (!clock || clock.stoppedAt !== null || (clock.state !== 'warning' && clock.state !== 'breached')) continue;
    const state = clock.state;
    for (const rule of rules) {
      if (rule.on !== state || (rule.metrics && !rule.metrics.includes(metric))) continue;
      for (const action of rule.actions) {
        const key = `${metric}@${clock.startedAt}:${state}:${action}`;
        if (!alreadyFired.has(key) && !out.has(key)) out.set(key, { action, metric, state, ruleId: rule.id, key });
      }
    }
  }
  return [...out.values()];
}
