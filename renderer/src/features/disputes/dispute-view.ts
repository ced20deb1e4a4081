import type { Agent, EvidenceInput } from '../../../../protocol';
import type { LocalMessage } from '../../data';

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
