import type { Agent, DisputeVerdictRequest, EvidenceInput } from '../../../../protocol';
import type { LocalMessage } from '../../data';
import { parseYuan } from '../compensation/compensation-form';

/** Time left to the review deadline in whole minutes, or how far past it. */
export interface Countdown {
  overdue: boolean;
  hours: number;
  minutes: number;
}

export function countdown(dueAt: string, now: number): Countdown {
  const ms = new Date(dueAt).getTime() - now;
  const total = Math.floor(Math.abs(ms) / 60_000);
  return { overdue: ms < 0, hours: Math.floor(total / 60), minutes: total % 60 };
}

/** A file the customer sent in this conversation, offered as evidence. */
export interface EvidenceCandidate {
  attachmentId: string;
  filename: string;
  kind: EvidenceInput['kind'];
}

/** The customer's files in the conversation, newest first; images count as screenshots, audio as recordings. */
export function evidenceCandidates(messages: readonly LocalMessage[]): EvidenceCandidate[] {
  return messages
    .filter((m) => m.kind === 'customer')
    .toReversed()
    .flatMap((m) =>
      m.attachments.map((a) => ({
        attachmentId: a.id,
        filename: a.filename,
        kind: a.contentType.startsWith('image/') ? 'screenshot' : a.contentType.startsWith('audio/') ? 'recording' : 'document',
      })),
    );
}

/** Verdicts are for supervisors and admins, as the server's route allows. */
export const mayDecide = (agent: Pick<Agent, 'role'>) => agent.role !== 'agent';

export interface EvidenceChoice {
  /** Include this conversation's chat log. */
  chatLog: boolean;
  /** Ids of the picked candidates. */
  picked: readonly string[];
  link: string;
  linkDescription: string;
}

/**
 * The evidence to send, or why not: a link must be http(s). The chat log is described in
 * the agent's language; files by their names; a link by its description or itself.
 */
export function evidenceOf(
  choice: EvidenceChoice,
  files: readonly EvidenceCandidate[],
  chatLogLabel: string,
): { ok: true; evidence: EvidenceInput[] } | { ok: false; problem: 'linkInvalid' } {
  const link = choice.link.trim();
  if (link !== '' && !/^https?:\/\/\S+$/i.test(link)) return { ok: false, problem: 'linkInvalid' };
  return {
    ok: true,
    evidence: [
      ...(choice.chatLog ? [{ kind: 'chat_log' as const, description: chatLogLabel, attachmentId: null, url: null }] : []),
      ...files
        .filter((f) => choice.picked.includes(f.attachmentId))
        .map((f) => ({ kind: f.kind, description: f.filename, attachmentId: f.attachmentId, url: null })),
      ...(link !== '' ? [{ kind: 'other' as const, description: choice.linkDescription.trim() || link, attachmentId: null, url: link }] : []),
    ],
  };
}

export interface VerdictForm {
  verdict: 'refund' | 'explain_rule';
  explanation: string;
  /** Yuan; empty for a full refund. */
  amount: string;
  points: string;
  mediation: boolean;
}

export type VerdictProblem = 'explanationRequired' | 'amountInvalid' | 'pointsInvalid';

/** The verdict request the form describes, or what is wrong with it. */
export function verdictOf(form: VerdictForm): { ok: true; body: DisputeVerdictRequest } | { ok: false; problem: VerdictProblem } {
  const explanation = form.explanation.trim();
  if (explanation === '') return { ok: false, problem: 'explanationRequired' };
  if (form.verdict === 'explain_rule') return { ok: true, body: { verdict: 'explain_rule', explanation, mediation: form.mediation } };
  const refundCents = form.amount.trim() === '' ? undefined : parseYuan(form.amount);
  if (refundCents === null) return { ok: false, problem: 'amountInvalid' };
  const sellerCreditPoints = Number(form.points.trim() || '0');
  if (!Number.isInteger(sellerCreditPoints) || sellerCreditPoints < 0 || sellerCreditPoints > 1000) return { ok: false, problem: 'pointsInvalid' };
  return {
    ok: true,
    body: { verdict: 'refund', explanation, mediation: form.mediation, sellerCreditPoints, ...(refundCents === undefined ? {} : { refundCents }) },
  };
}
