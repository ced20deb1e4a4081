import { z } from 'zod';
import { Category, Channel, Priority } from './entities';
import { LiableParty } from './compensation';

// Service reports (supervisor and admin only). Periods are calendar days in China time
// (Asia/Shanghai, UTC+8): a month `YYYY-MM`, or `from`..`to` inclusive, at most REPORT_MAX_DAYS.

export const REPORT_MAX_DAYS = 92;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whole days from one `YYYY-MM-DD` to another (0 for the same day); NaN for an impossible date like 02-30. */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return new Date(t).toISOString().slice(0, 10) === d ? t : NaN;
  };
  return (ms(to) - ms(from)) / 86_400_000;
}

export const ReportQuery = z
  .object({
    month: z.string().regex(MONTH, 'month 格式为 YYYY-MM (month must be YYYY-MM)').optional(),
    from: z.string().regex(DAY, 'from 格式为 YYYY-MM-DD (from must be YYYY-MM-DD)').optional(),
    to: z.string().regex(DAY, 'to 格式为 YYYY-MM-DD (to must be YYYY-MM-DD)').optional(),
  })
  .superRefine((q, ctx) => {
    const range = q.from !== undefined || q.to !== undefined;
    if (q.month !== undefined && range) {
      ctx.addIssue({ code: 'custom', message: '请给出 month，或 from 和 to，不要同时给出 (give month, or from and to, not both)' });
      return;
    }
    if (q.month === undefined && !range) {
      ctx.addIssue({ code: 'custom', message: '缺少报表期间：month=YYYY-MM，或 from 和 to (a period is required)' });
      return;
    }
    if (!range) return;
    if (q.from === undefined || q.to === undefined) {
      ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'from 和 to 须同时给出 (from and to go together)' });
      return;
    }
    const days = daysBetween(q.from, q.to);
    if (Number.isNaN(days)) ctx.addIssue({ code: 'custom', message: '日期不存在 (no such date)' });
    else if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to 不能早于 from (to must not be before from)' });
    else if (days + 1 > REPORT_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `报表期间最长 ${REPORT_MAX_DAYS} 天 (a period spans at most ${REPORT_MAX_DAYS} days)` });
  });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Nearest-rank percentiles in milliseconds; null when there is no sample. */
export const Percentiles = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
});
export type Percentiles = z.infer<typeof Percentiles>;

/** Met and breached tickets for one SLA policy or priority; attainment is met / (met + breached), null without tickets. */
export const Attainment = z.object({
  key: z.string(),
  met: z.number().int(),
  breached: z.number().int(),
  attainment: z.number().nullable(),
});
export type Attainment = z.infer<typeof Attainment>;

export const DayVolume = z.object({
  day: z.string(),
  total: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  byChannel: z.record(z.string(), z.number().int()),
});
export type DayVolume = z.infer<typeof DayVolume>;

export const MoneyRow = z.object({ key: z.string(), count: z.number().int(), amountCents: z.number().int() });
export type MoneyRow = z.infer<typeof MoneyRow>;

export const SupplierLiability = z.object({
  supplier: z.string(),
  count: z.number().int(),
  amountCents: z.number().int(),
  pendingCents: z.number().int(),
  settledCents: z.number().int(),
});
export type SupplierLiability = z.infer<typeof SupplierLiability>;

/** Unclassified tickets are counted under this key. */
export const UNCLASSIFIED = 'unclassified';

export const ServiceReport = z.object({
  period: z.object({
    /** `2026-11` or `2026-11-01..2026-11-15`. */
    label: z.string(),
    from: z.string(),
    to: z.string(),
    /** Instants: the period is [start, end). */
    start: z.string(),
    end: z.string(),
    timeZone: z.literal('Asia/Shanghai'),
  }),
  generatedAt: z.string(),
  /** Conversations created in the period. */
  volume: z.object({
    total: z.number().int(),
    byCategory: z.array(z.object({ key: z.union([Category, z.literal(UNCLASSIFIED)]), count: z.number().int() })),
    byChannel: z.array(z.object({ key: Channel, count: z.number().int() })),
    byDay: z.array(DayVolume),
  }),
  /** First response over conversations created in the period that got an answer; resolution over those resolved in it. */
  times: z.object({ firstResponse: Percentiles, resolution: Percentiles }),
  /** Tickets resolved in the period, measured against the SLA policies now in force. */
  sla: z.object({
    overall: Attainment,
    byPolicy: z.array(Attainment),
    byPriority: z.array(Attainment.extend({ key: Priority })),
  }),
  firstContactResolution: z.object({ resolved: z.number().int(), firstContact: z.number().int(), rate: z.number().nullable() }),
  /** Surveys sent in the period. CSAT is the share of answers scoring 4 or 5. */
  csat: z.object({
    sent: z.number().int(),
    answered: z.number().int(),
    responseRate: z.number().nullable(),
    average: z.number().nullable(),
    csat: z.number().nullable(),
    /** Answers scoring 1..5, in that order. */
    distribution: z.array(z.number().int()).length(5),
  }),
  repeatContacts: z.object({ conversations: z.number().int(), repeats: z.number().int(), rate: z.number().nullable() }),
  /** 先行赔付 granted in the period. */
  compensation: z.object({
    count: z.number().int(),
    amountCents: z.number().int(),
    byCause: z.array(MoneyRow),
    byLiability: z.array(MoneyRow.extend({ key: LiableParty })),
    bySupplier: z.array(SupplierLiability),
  }),
});
export type ServiceReport = z.infer<typeof ServiceReport>;

/** The built-in SLA policies' names (the server's DEFAULT_SLA), for the report screen and its exports; an added policy shows its id. */
export const SLA_POLICY_NAMES_ZH: Readonly<Record<'group-mention' | 'chat' | 'urgent' | 'email' | 'enterprise' | 'disputes' | 'default', string>> = {
  'group-mention': '群内@客服',
  chat: '在线会话',
  urgent: '紧急故障',
  email: '客服邮箱',
  enterprise: '企业客户',
  disputes: '争议纠纷',
  default: '常规',
};
