import { z } from 'zod';

// Upstream supplier lookups and reissues (补发), as the workstation calls them on the Kadesk
// server. The server talks to each supplier over its own HTTP JSON contract and answers
// with these shapes; full card keys never leave the server, only their masked form.

const id = z.string().min(1).max(64);
/** A client-minted id (ULID) that makes a retried command happen once. */
export const RequestId = z.string().min(8).max(64).regex(/^[0-9A-Za-z_-]+$/);

export const CHANNEL_STATES = ['healthy', 'congested', 'down'] as const;
export const ChannelState = z.enum(CHANNEL_STATES);
export type ChannelState = z.infer<typeof ChannelState>;

export const ChannelHealth = z.object({
  state: ChannelState,
  /** Estimated minutes until the channel recovers; null when healthy or unknown. */
  etaMinutes: z.number().int().nonnegative().nullable(),
  /** The supplier's own note, shown as given. */
  message: z.string().max(500).nullable(),
});
export type ChannelHealth = z.infer<typeof ChannelHealth>;

/** Card key states as the supplier sees them (issued to us, redeemed by the player, voided). */
export const SUPPLIER_KEY_STATES = ['issued', 'redeemed', 'void', 'pending'] as const;
export const SupplierKeyState = z.enum(SUPPLIER_KEY_STATES);
export type SupplierKeyState = z.infer<typeof SupplierKeyState>;

export const SupplierKeyStatus = z.object({
  masked: z.string(),
  state: SupplierKeyState,
  issuedAt: z.string().nullable(),
  redeemedAt: z.string().nullable(),
  /** The supplier's production batch the key came from (卡密批次). */
  batch: z.string(),
});
export type SupplierKeyStatus = z.infer<typeof SupplierKeyStatus>;

export const Inventory = z.object({
  product: z.string(),
  available: z.number().int().nonnegative(),
  restockEtaMinutes: z.number().int().nonnegative().nullable(),
});
export type Inventory = z.infer<typeof Inventory>;

/** Who got which key when (分发记录). */
export const DistributionRecord = z.object({
  masked: z.string(),
  /** The buyer account the supplier delivered to. */
  recipient: z.string(),
  distributedAt: z.string(),
  /** How it went out, e.g. "api" or "manual". */
  via: z.string(),
});
export type DistributionRecord = z.infer<typeof DistributionRecord>;

export const SUPPLIER_ERROR_CODES = [
  'not_configured',
  'timeout',
  'unreachable',
  'circuit_open',
  'supplier_error',
  'bad_response',
  'not_found',
] as const;
export const SupplierErrorCode = z.enum(SUPPLIER_ERROR_CODES);
export type SupplierErrorCode = z.infer<typeof SupplierErrorCode>;

export const SupplierError = z.object({ code: SupplierErrorCode, message: z.string() });
export type SupplierError = z.infer<typeof SupplierError>;

/**
 * One part of a lookup. A part the supplier could not answer falls back to the last answer
 * it gave, marked stale with its age and the error that made it stale; without one, the
 * part carries only the error. The other parts are unaffected.
 */
export function supplierPart<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      data,
      stale: z.boolean(),
      fetchedAt: z.string(),
      ageSeconds: z.number().int().nonnegative(),
      /** Why the data is stale; null when fresh. */
      error: SupplierError.nullable(),
    }),
    z.object({ ok: z.literal(false), error: SupplierError }),
  ]);
}
export type SupplierPart<T> =
  | { ok: true; data: T; stale: boolean; fetchedAt: string; ageSeconds: number; error: SupplierError | null }
  | { ok: false; error: SupplierError };

// GET /api/orders/:id/supplier — everything the supplier knows about one order, in one call.
export const OrderSupplierResponse = z.object({
  orderId: z.string(),
  supplier: z.object({ id: z.string(), name: z.string() }),
  health: supplierPart(ChannelHealth),
  cardKeys: supplierPart(z.array(SupplierKeyStatus)),
  inventory: supplierPart(Inventory),
  distribution: supplierPart(z.array(DistributionRecord)),
});
export type OrderSupplierResponse = z.infer<typeof OrderSupplierResponse>;

// POST /api/orders/:id/reissue — ask the supplier for replacement keys.
export const ReissueRequest = z.object({
  requestId: RequestId,
  /** The ticket to record it on (audit event and a message the customer sees). */
  conversationId: id.optional(),
  /** Masked keys to replace, as the order shows them; all of the order's keys when omitted. */
  cardKeys: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
  reason: z.string().trim().min(1).max(500),
});
export type ReissueRequest = z.infer<typeof ReissueRequest>;

export const REISSUE_STATUSES = ['issued', 'rejected'] as const;
export const Reissue = z.object({
  requestId: z.string(),
  orderId: z.string(),
  status: z.enum(REISSUE_STATUSES),
  replaced: z.array(z.string()),
  issued: z.array(z.string()),
  /** The supplier's reason when it rejected the request. */
  message: z.string().nullable(),
  createdAt: z.string(),
});
export type Reissue = z.infer<typeof Reissue>;

export const ReissueResponse = z.object({
  reissue: Reissue,
  /** True when this request id had already been handled and nothing new happened. */
  replayed: z.boolean(),
});
export type ReissueResponse = z.infer<typeof ReissueResponse>;

// Admin: supplier connections. The API key is write-only; responses say whether one is set.
export const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;

export const SupplierConfig = z.object({
  id: z.string(),
  /** As orders name their supplier. */
  name: z.string(),
  baseUrl: z.string().nullable(),
  /** Served by the built-in sandbox supplier instead of baseUrl (demo and training). */
  useSandbox: z.boolean(),
  apiKeyHeader: z.string(),
  hasApiKey: z.boolean(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  enabled: z.boolean(),
  /** This server's circuit breaker for the supplier. */
  breaker: z.enum(BREAKER_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupplierConfig = z.infer<typeof SupplierConfig>;

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, '请求头名称只能包含字母、数字和 - (letters, digits and - only)');
const fields = {
  name: z.string().trim().min(1).max(100),
  baseUrl: z.url({ protocol: /^https?$/ }).max(500).nullable(),
  useSandbox: z.boolean(),
  apiKeyHeader: headerName,
  apiKey: z.string().min(1).max(500).nullable(),
  timeoutMs: z.number().int().min(50).max(60_000),
  retries: z.number().int().min(0).max(5),
  enabled: z.boolean(),
};
const needsEndpoint = {
  message: '请填写 baseUrl 或启用沙箱 (give a baseUrl or use the sandbox)',
  path: ['baseUrl'],
};

export const CreateSupplierRequest = z
  .object({
    name: fields.name,
    baseUrl: fields.baseUrl.default(null),
    useSandbox: fields.useSandbox.default(false),
    apiKeyHeader: fields.apiKeyHeader.default('X-Api-Key'),
    apiKey: fields.apiKey.default(null),
    timeoutMs: fields.timeoutMs.default(3000),
    retries: fields.retries.default(2),
    enabled: fields.enabled.default(true),
  })
  .refine((b) => b.useSandbox || b.baseUrl !== null, needsEndpoint);
export type CreateSupplierRequest = z.infer<typeof CreateSupplierRequest>;

/** Fields left out stay as they are; apiKey null removes the key. */
export const UpdateSupplierRequest = z
  .object(fields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项 (change at least one field)' });
export type UpdateSupplierRequest = z.infer<typeof UpdateSupplierRequest>;

export const SupplierResponse = z.object({ supplier: SupplierConfig });
export const SupplierListResponse = z.object({ suppliers: z.array(SupplierConfig) });

// Admin: what the sandbox supplier does, per supplier (or for all of them).
export const SANDBOX_PRESETS = ['healthy', 'congested', 'down', 'slow', 'errors'] as const;
export const SandboxPreset = z.enum(SANDBOX_PRESETS);
export type SandboxPreset = z.infer<typeof SandboxPreset>;

export const SandboxScenario = z.object({
  channel: ChannelState,
  etaMinutes: z.number().int().min(0).max(10_000).nullable(),
  /** Every answer waits this long first (slow responses). */
  delayMs: z.number().int().min(0).max(60_000),
  /** The next this-many requests fail with 503 (an error burst). */
  failNext: z.number().int().min(0).max(1000),
});
export type SandboxScenario = z.infer<typeof SandboxScenario>;

export const SetSandboxScenarioRequest = z.object({
  /** Omit to set the scenario of every sandbox supplier. */
  supplierId: id.optional(),
  scenario: z.union([SandboxPreset, SandboxScenario]),
});
export type SetSandboxScenarioRequest = z.infer<typeof SetSandboxScenarioRequest>;

export const SandboxScenariosResponse = z.object({
  default: SandboxScenario,
  suppliers: z.record(z.string(), SandboxScenario),
});
export type SandboxScenariosResponse = z.infer<typeof SandboxScenariosResponse>;
