import { z } from 'zod';
import { Category, ConversationStatus, Priority, TagName } from './entities';

// Macros (快捷宏): a named set of actions an agent runs on the open ticket in one go. Reply
// and note bodies are templates whose {{variables}} the workstation fills before it shows
// the preview. Shared macros are the admins'; each agent also keeps personal ones.

/** What a template may refer to; anything else is refused when the macro is saved. */
export const MACRO_VARIABLES = [
  'customer.name',
  'customer.tier',
  'order.id',
  'order.product',
  'order.amount',
  'order.cardKey',
  'supplier.name',
  'supplier.state',
  'supplier.eta',
  'agent.name',
  'ticket.subject',
] as const;
export const MacroVariable = z.enum(MACRO_VARIABLES);
export type MacroVariable = z.infer<typeof MacroVariable>;

/** `{{ name }}`, spaces allowed inside the braces. */
export const TEMPLATE_VARIABLE = /\{\{\s*([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s*\}\}/g;

/** The variable names a template uses, in order of first use (unknown ones included). */
export function templateVariables(template: string): string[] {
  const names = [...template.matchAll(TEMPLATE_VARIABLE)].map((m) => m[1]!);
  return [...new Set(names)];
}

const known = new Set<string>(MACRO_VARIABLES);
const template = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .refine((t) => templateVariables(t).every((v) => known.has(v)), {
    message: `模板中有未知变量，可用：${MACRO_VARIABLES.join('、')} (unknown template variable)`,
  });
const cause = z.string().trim().min(1).max(200);
const id = z.string().min(1).max(64);
const cents = z.number().int().positive().max(100_000_000);

export const MacroAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), body: template }),
  z.object({ type: z.literal('note'), body: template }),
  z.object({ type: z.literal('status'), status: ConversationStatus }),
  z.object({ type: z.literal('priority'), priority: Priority }),
  z.object({ type: z.literal('tag'), tag: TagName }),
  /** `self` is whoever runs the macro; null leaves the ticket unassigned in its team. */
  z.object({ type: z.literal('assign'), agentId: z.union([z.literal('self'), id]).nullable() }),
  /** Moving a ticket to another team is a supervisor's call; the server refuses it for agents. */
  z.object({ type: z.literal('assignTeam'), teamId: id }),
  z.object({ type: z.literal('reissue'), cause }),
  /** amountCents omitted: refund whatever of the order is not refunded yet. */
  z.object({ type: z.literal('refund'), amountCents: cents.optional(), cause }),
  z.object({ type: z.literal('coupon'), amountCents: cents, cause }),
  z.object({ type: z.literal('credit'), percent: z.number().int().min(1).max(100), cause }),
  z.object({ type: z.literal('survey') }),
]);
export type MacroAction = z.infer<typeof MacroAction>;
export type MacroActionType = MacroAction['type'];
export const MACRO_ACTION_TYPES = MacroAction.options.map((o) => o.shape.type.value) as readonly MacroActionType[];

/**
 * Actions that call the server directly (money and supplier, the survey) instead of
 * queueing a sync mutation: they cannot run offline.
 */
export const NETWORK_ACTION_TYPES = ['reissue', 'refund', 'coupon', 'credit', 'survey'] as const satisfies readonly MacroActionType[];
export const needsNetwork = (a: MacroAction): boolean => (NETWORK_ACTION_TYPES as readonly string[]).includes(a.type);

export const MACRO_SCOPES = ['shared', 'personal'] as const;
export const MacroScope = z.enum(MACRO_SCOPES);
export type MacroScope = z.infer<typeof MacroScope>;

export const Macro = z.object({
  id: z.string(),
  scope: MacroScope,
  /** The agent a personal macro belongs to; null for shared ones. */
  ownerId: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  /** The SOP panel suggests the macro for tickets of this category. */
  category: Category.nullable(),
  actions: z.array(MacroAction),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Macro = z.infer<typeof Macro>;

const fields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500),
  category: Category.nullable(),
  actions: z.array(MacroAction).min(1).max(20),
};

// POST /api/macros — shared: admins only; personal: anyone, for themselves.
export const CreateMacroRequest = z.object({
  scope: MacroScope,
  name: fields.name,
  description: fields.description.default(''),
  category: fields.category.default(null),
  actions: fields.actions,
});
export type CreateMacroRequest = z.infer<typeof CreateMacroRequest>;

// PATCH /api/macros/:id — fields left out stay; the scope of a macro does not change.
export const UpdateMacroRequest = z
  .object(fields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项 (change at least one field)' });
export type UpdateMacroRequest = z.infer<typeof UpdateMacroRequest>;

export const MacroResponse = z.object({ macro: Macro });
// GET /api/macros — the shared macros and the caller's own personal ones.
export const MacroListResponse = z.object({ macros: z.array(Macro) });
export type MacroListResponse = z.infer<typeof MacroListResponse>;

// GET /api/macros/:id/history (admin) — every change of a macro, oldest first; kept after deletion.
export const MacroChange = z.object({
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.enum(['created', 'updated', 'deleted']),
  before: Macro.nullable(),
  after: Macro.nullable(),
});
export type MacroChange = z.infer<typeof MacroChange>;
export const MacroHistoryResponse = z.object({ changes: z.array(MacroChange) });
export type MacroHistoryResponse = z.infer<typeof MacroHistoryResponse>;
