import { z } from 'zod';
import { COMPENSATION_KIND_NAMES_ZH, type CompensationKind, type CompensationPolicy, RoleLimits } from '../../../protocol/compensation';
import { yuan } from '../casework/money';

// Who may grant how much (先行赔付 limits). Limits are per ticket and kind, counting what the
// ticket already received, so a large refund cannot be split into several small ones.

export type PolicyRole = keyof CompensationPolicy;

const unlimited: RoleLimits = { refundCents: null, couponCents: null, creditCents: null, creditPercent: null, reissueCents: null };

export const DEFAULT_POLICY: CompensationPolicy = {
  agent: { refundCents: 5_000, couponCents: 2_000, creditCents: 2_000, creditPercent: 10, reissueCents: 20_000 },
  supervisor: { refundCents: 50_000, couponCents: 50_000, creditCents: 50_000, creditPercent: 50, reissueCents: 200_000 },
  admin: unlimited,
  // The automatic supplier check grants exactly its coupon limit and nothing else.
  system: { refundCents: 0, couponCents: 500, creditCents: 0, creditPercent: 0, reissueCents: 0 },
};

export interface Ask {
  kind: CompensationKind;
  amountCents: number;
  /** For credits. */
  percent: number | null;
  /** What this ticket already received of this kind. */
  grantedCents: number;
}

export type LimitVerdict = { ok: true } | { ok: false; message: string };

const ROLE_ZH: Record<PolicyRole, string> = { agent: '客服', supervisor: '主管', admin: '管理员', system: '自动处理' };
const CAP: Record<CompensationKind, keyof RoleLimits> = {
  refund: 'refundCents',
  reissue: 'reissueCents',
  coupon: 'couponCents',
  credit: 'creditCents',
};

export function checkLimit(policy: CompensationPolicy, role: PolicyRole, ask: Ask): LimitVerdict {
  const limits = policy[role];
  const escalate = '，请转交权限更高的同事办理';
  if (ask.kind === 'credit' && limits.creditPercent !== null && (ask.percent ?? 0) > limits.creditPercent) {
    return {
      ok: false,
      message: `${ROLE_ZH[role]}余额补偿比例上限 ${limits.creditPercent}%，本次 ${ask.percent}%${escalate} (${role} credit limit is ${limits.creditPercent}%)`,
    };
  }
  const cap = limits[CAP[ask.kind]];
  if (cap === null || ask.grantedCents + ask.amountCents <= cap) return { ok: true };
  const before = ask.grantedCents > 0 ? `（本工单此前${COMPENSATION_KIND_NAMES_ZH[ask.kind]}已累计 ${yuan(ask.grantedCents)}）` : '';
  return {
    ok: false,
    message:
      `${ROLE_ZH[role]}每张工单${COMPENSATION_KIND_NAMES_ZH[ask.kind]}上限 ${yuan(cap)}，本次 ${yuan(ask.amountCents)}${before}${escalate} ` +
      `(${role} ${ask.kind} limit per ticket is ${yuan(cap)}; this one is ${yuan(ask.amountCents)}` +
      `${ask.grantedCents > 0 ? ` after ${yuan(ask.grantedCents)} already granted` : ''})`,
  };
}

// Strict, so that a misspelt key is an error rather than a limit silently left as it was.
const overrides = RoleLimits.partial().strict().optional();
const PolicyOverrides = z.strictObject({ agent: overrides, supervisor: overrides, admin: overrides, system: overrides });

/** KADESK_COMPENSATION_POLICY: JSON overriding some limits, e.g. {"agent":{"refundCents":8000}}. */
export function compensationPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CompensationPolicy {
  const raw = env.KADESK_COMPENSATION_POLICY?.trim();
  if (!raw) return DEFAULT_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('KADESK_COMPENSATION_POLICY 不是有效的 JSON (is not valid JSON)');
  }
  const parsed = PolicyOverrides.safeParse(json);
  if (!parsed.success) {
    throw new Error(`KADESK_COMPENSATION_POLICY 格式不对 (malformed): ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const o = parsed.data;
  return {
    agent: { ...DEFAULT_POLICY.agent, ...o.agent },
    supervisor: { ...DEFAULT_POLICY.supervisor, ...o.supervisor },
    admin: { ...DEFAULT_POLICY.admin, ...o.admin },
    system: { ...DEFAULT_POLICY.system, ...o.system },
  };
}
