import { needsNetwork, type Conversation, type CreateCompensationRequest, type MacroAction } from '../../../../protocol';
import { mutationsFor, type MutationInput } from '../../data';
import { hasMissingMarker } from './template';

// What running a macro does, decided before anything is sent.
//
// The rule: steps that need the server directly (refund, reissue, coupon, credit, survey)
// run first, one by one, each under an id derived from the run so that a retry of the same
// run cannot pay twice. Only when all of them succeeded are the ticket changes (reply, note,
// status, priority, tag, assignment) queued, together, as sync mutations: those are sent
// exactly once whenever the network allows. So a refused coupon stops the run before a
// reply announcing it is queued, and offline a macro with any network step is refused as a
// whole before anything happens; one with only ticket changes runs offline.

export type Step =
  | { index: number; action: MacroAction; kind: 'ticket'; mutation: MutationInput | null }
  | { index: number; action: MacroAction; kind: 'network'; call: NetworkCall };

export type NetworkCall =
  | { kind: 'compensation'; body: CreateCompensationRequest }
  | { kind: 'survey'; conversationId: string };

export type Problem =
  /** A reply or note still holds a missing-value marker. */
  | { kind: 'missing'; index: number }
  /** Refund, reissue and credit are about an order; the ticket has none. */
  | { kind: 'noOrder'; index: number };

export interface Plan {
  steps: Step[];
  problems: Problem[];
  needsNetwork: boolean;
}

export interface PlanInput {
  /** Unique per run; retrying a failed run reuses it. */
  runId: string;
  conversation: Conversation;
  selfId: string;
  actions: readonly MacroAction[];
  /** The text each reply and note will send (rendered, perhaps edited), by action index. */
  texts: ReadonlyMap<number, string>;
}

/** The id a run's step is known by on the server: the same step of a retried run is the same request. */
export const stepId = (runId: string, index: number): string => `${runId}-${index}`;

export function planMacro(input: PlanInput): Plan {
  const { conversation: conv, runId } = input;
  const conversationId = conv.id;
  const problems: Problem[] = [];
  // Later ticket steps see the effect of earlier ones (status set twice is queued once).
  let current = { ...conv };
  const steps = input.actions.map((action, index): Step => {
    if (needsNetwork(action)) {
      if (action.type !== 'coupon' && action.type !== 'survey' && conv.orderId === null) problems.push({ kind: 'noOrder', index });
      return { index, action, kind: 'network', call: networkCall(action, conversationId, stepId(runId, index)) };
    }
    let mutation: MutationInput | null = null;
    switch (action.type) {
      case 'reply':
      case 'note': {
        const body = (input.texts.get(index) ?? '').trim();
        if (body === '' || hasMissingMarker(body)) problems.push({ kind: 'missing', index });
        mutation = { name: action.type === 'reply' ? 'message.send' : 'message.note', args: { messageId: stepId(runId, index), conversationId, body } };
        break;
      }
      case 'status':
        mutation = mutationsFor({ type: 'setStatus', status: action.status }, [current])[0] ?? null;
        current = { ...current, status: action.status };
        break;
      case 'priority':
        mutation = current.priority === action.priority ? null : { name: 'conversation.setPriority', args: { conversationId, priority: action.priority } };
        current = { ...current, priority: action.priority };
        break;
      case 'tag':
        mutation = { name: 'conversation.tag', args: { conversationId, tag: action.tag } };
        break;
      case 'assign': {
        const assigneeId = action.agentId === 'self' ? input.selfId : action.agentId;
        mutation = mutationsFor({ type: 'assign', assigneeId }, [current])[0] ?? null;
        current = { ...current, assigneeId };
        break;
      }
      case 'assignTeam':
        mutation =
          current.teamId === action.teamId ? null : { name: 'conversation.assign', args: { conversationId, assigneeId: null, teamId: action.teamId } };
        current = { ...current, teamId: action.teamId, assigneeId: null };
        break;
    }
    return { index, action, kind: 'ticket', mutation };
  });
  return { steps, problems, needsNetwork: steps.some((s) => s.kind === 'network') };
}

function networkCall(action: MacroAction, conversationId: string, requestId: string): NetworkCall {
  const common = { requestId, conversationId, note: '' };
  switch (action.type) {
    case 'reissue':
      return { kind: 'compensation', body: { kind: 'reissue', ...common, cause: action.cause } };
    case 'refund':
      return { kind: 'compensation', body: { kind: 'refund', ...common, cause: action.cause, ...(action.amountCents ? { amountCents: action.amountCents } : {}) } };
    case 'coupon':
      return { kind: 'compensation', body: { kind: 'coupon', ...common, cause: action.cause, amountCents: action.amountCents } };
    case 'credit':
      return { kind: 'compensation', body: { kind: 'credit', ...common, cause: action.cause, percent: action.percent } };
    case 'survey':
      return { kind: 'survey', conversationId };
    default:
      throw new Error(`not a network action: ${action.type}`);
  }
}

/** The ticket changes to queue once the network steps are done, in the macro's order. */
export const ticketMutations = (plan: Plan): MutationInput[] =>
  plan.steps.flatMap((s) => (s.kind === 'ticket' && s.mutation ? [s.mutation] : []));

export const networkSteps = (plan: Plan): Array<Extract<Step, { kind: 'network' }>> => plan.steps.filter((s) => s.kind === 'network');

export type Refusal = { kind: 'offline' } | { kind: 'problems'; problems: Problem[] };

/** Why the run may not start now, or null. Offline refuses only macros with network steps. */
export function refusal(plan: Plan, online: boolean): Refusal | null {
  if (plan.needsNetwork && !online) return { kind: 'offline' };
  if (plan.problems.length > 0) return { kind: 'problems', problems: plan.problems };
  return null;
}
