import { CompensationResponse, SendSurveyResponse } from '../../../../protocol';
import type { ApiClient, SyncEngine } from '../../data';
import { ApiRequestError } from '../../data';
import { networkSteps, refusal, ticketMutations, type Plan, type Refusal } from './plan';

/** How one network step went: done (or done before, on a retry), or why it failed. */
export type StepOutcome = { index: number; ok: true; replayed: boolean; couponCode: string | null } | { index: number; ok: false; message: string; network: boolean };

export type RunResult =
  | { kind: 'refused'; refusal: Refusal }
  /** A network step failed: later steps did not run and no ticket change was queued. */
  | { kind: 'stopped'; outcomes: StepOutcome[] }
  | { kind: 'done'; outcomes: StepOutcome[]; queued: number };

export interface RunDeps {
  api: Pick<ApiClient, 'post'>;
  engine: Pick<SyncEngine, 'mutateAll' | 'getStatus'>;
}

/**
 * Runs a plan by the rule in plan.ts: network steps one by one (their ids come from the run,
 * so running the same plan again replays what succeeded), then every ticket change queued
 * in one outbox transaction. `onStep` reports each network step as it finishes.
 */
export async function executePlan(plan: Plan, deps: RunDeps, onStep: (outcome: StepOutcome) => void = () => undefined): Promise<RunResult> {
  const refused = refusal(plan, deps.engine.getStatus().online);
  if (refused) return { kind: 'refused', refusal: refused };
  const outcomes: StepOutcome[] = [];
  for (const step of networkSteps(plan)) {
    const outcome = await runStep(step.index, step.call, deps.api);
    outcomes.push(outcome);
    onStep(outcome);
    if (!outcome.ok) return { kind: 'stopped', outcomes };
  }
  const mutations = ticketMutations(plan);
  await deps.engine.mutateAll(mutations);
  return { kind: 'done', outcomes, queued: mutations.length };
}

async function runStep(index: number, call: Extract<Plan['steps'][number], { kind: 'network' }>['call'], api: RunDeps['api']): Promise<StepOutcome> {
  try {
    if (call.kind === 'survey') {
      await api.post(`/api/conversations/${encodeURIComponent(call.conversationId)}/survey`, {}, SendSurveyResponse);
      return { index, ok: true, replayed: false, couponCode: null };
    }
    const { compensation, replayed } = await api.post('/api/compensations', call.body, CompensationResponse);
    return { index, ok: true, replayed, couponCode: compensation.couponCode };
  } catch (err) {
    const network = !(err instanceof ApiRequestError) || err.kind === 'network';
    return { index, ok: false, network, message: err instanceof Error ? err.message : String(err) };
  }
}
