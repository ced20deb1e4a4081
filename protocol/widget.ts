import { z } from 'zod';

// The customer-facing web chat widget (served by the server at /widget).
export const WidgetSessionRequest = z.object({
  visitorToken: z.string().max(200).optional(),
  name: z.string().trim().min(1).max(60).optional(),
});
export type WidgetSessionRequest = z.infer<typeof WidgetSessionRequest>;

export const WidgetSessionResponse = z.object({
  visitorToken: z.string(),
  customerId: z.string(),
  name: z.string(),
});
export type WidgetSessionResponse = z.infer<typeof WidgetSessionResponse>;

export const WidgetMessage = z.object({
  id: z.string(),
  kind: z.enum(['customer', 'agent', 'system']),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type WidgetMessage = z.infer<typeof WidgetMessage>;

export const WidgetClientFrame = z.discriminatedUnion('type', [
  // On hello the server replays recent history; the widget merges it by message id.
  z.object({ type: z.literal('hello'), visitorToken: z.string().min(1).max(200) }),
  z.object({
    type: z.literal('send'),
    clientMessageId: z.string().min(1).max(64),
    body: z.string().trim().min(1).max(5000),
  }),
]);
export type WidgetClientFrame = z.infer<typeof WidgetClientFrame>;

export const WidgetServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('history'), messages: z.array(WidgetMessage) }),
  z.object({ type: z.literal('message'), message: WidgetMessage }),
  z.object({ type: z.literal('ack'), clientMessageId: z.string(), message: WidgetMessage }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type WidgetServerFrame = z.infer<typeof WidgetServerFrame>;
