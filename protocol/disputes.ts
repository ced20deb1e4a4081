import { z } from 'zod';
import { RequestId } from './suppliers';

// Disputes (退款争议/售后纠纷): evidence, a review within 24 hours, and a verdict.

const id = z.string().min(1).max(64);

export const DISPUTE_REVIEW_HOURS = 24;

export const EVIDENCE_KINDS = ['screenshot', 'chat_log', 'recording', 'document', 'other'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);

/**
 * A piece of evidence by reference: an uploaded attachment's id, a link, or — for chat logs —
 * neither, meaning the dispute's own conversation.
 */
export const EvidenceInput = z.object({
  kind: EvidenceKind,
  description: z.string().trim().min(1).max(500),
  attachmentId: id.nullable().default(null),
  url: z.url({ protocol: /^https?$/ }).max(1000).nullable().default(null),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const Evidence = z.object({
  kind: EvidenceKind,
  description: z.string(),
  attachmentId: z.string().nullable(),
  url: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const DISPUTE_STATUSES = ['open', 'decided'] as const;
export const DisputeStatus = z.enum(DISPUTE_STATUSES);

export const VERDICTS = ['refund', 'explain_rule'] as const;
export const VerdictKind = z.enum(VERDICTS);

export const DisputeVerdict = z.object({
  kind: VerdictKind,
  explanation: z.string(),
  refundCents: z.number().int().nullable(),
  /** Credit points taken from the seller (the order's supplier). */
  sellerCreditPoints: z.number().int().nullable(),
  /** The refund's compensation record. */
  compensationId: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type DisputeVerdict = z.infer<typeof DisputeVerdict>;

export const Dispute = z.object({
  id: z.string(),
  conversationId: z.string(),
  orderId: z.string().nullable(),
  customerId: z.string(),
  supplier: z.string().nullable(),
  reason: z.string(),
  evidence: z.array(Evidence),
  status: DisputeStatus,
  openedBy: z.string(),
  openedAt: z.string(),
  /** openedAt + 24 h: the review target. */
  reviewDueAt: z.string(),
  /** Still open past its review deadline. */
  overdue: z.boolean(),
  /** Referred to third-party mediation (第三方调解). */
  mediation: z.boolean(),
  verdict: DisputeVerdict.nullable(),
});
export type Dispute = z.infer<typeof Dispute>;

// POST /api/disputes — the client mints the id, so a retried open creates one dispute.
export const OpenDisputeRequest = z.object({
  id: RequestId,
  conversationId: id,
  /** Defaults to the conversation's order. */
  orderId: id.optional(),
  reason: z.string().trim().min(1).max(2000),
  evidence: z.array(EvidenceInput).max(50).default([]),
});
export type OpenDisputeRequest = z.infer<typeof OpenDisputeRequest>;

// POST /api/disputes/:id/evidence
export const AddEvidenceRequest = z.object({ evidence: z.array(EvidenceInput).min(1).max(50) });
export type AddEvidenceRequest = z.infer<typeof AddEvidenceRequest>;

// POST /api/disputes/:id/verdict (supervisor or admin)
const verdictCommon = {
  /** Shown to the customer. */
  explanation: z.string().trim().min(1).max(2000),
  mediation: z.boolean().default(false),
};
export const DisputeVerdictRequest = z.discriminatedUnion('verdict', [
  z.object({
    verdict: z.literal('refund'),
    ...verdictCommon,
    /** Omit for a full refund of what has not been refunded yet. */
    refundCents: z.number().int().positive().max(100_000_000).optional(),
    sellerCreditPoints: z.number().int().min(0).max(1000).default(0),
  }),
  z.object({ verdict: z.literal('explain_rule'), ...verdictCommon }),
]);
export type DisputeVerdictRequest = z.infer<typeof DisputeVerdictRequest>;

export const DisputeResponse = z.object({ dispute: Dispute });
export type DisputeResponse = z.infer<typeof DisputeResponse>;

export const DisputeListQuery = z.object({
  conversationId: id.optional(),
  status: DisputeStatus.optional(),
});
export const DisputeListResponse = z.object({ disputes: z.array(Dispute) });
export type DisputeListResponse = z.infer<typeof DisputeListResponse>;
