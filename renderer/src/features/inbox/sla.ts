import type { ConversationSla } from '../../../../protocol';

export type SlaMetric = 'firstResponse' | 'nextResponse' | 'resolution';

/** The running clock that comes due first, the one an agent has to beat. */
export function nextDue(sla: ConversationSla): { metric: SlaMetric; dueAt: number } | null {
  const due: Array<[SlaMetric, string | null]> = [
    ['firstResponse', sla.firstResponseDueAt],
    ['nextResponse', sla.nextResponseDueAt],
    ['resolution', sla.resolutionDueAt],
  ];
  let best: { metric: SlaMetric; dueAt: number } | null = null;
  for (const [metric, at] of due) {
    const dueAt = at === null ? Number.NaN : Date.parse(at);
    if (!Number.isNaN(dueAt) && (best === null || dueAt < best.dueAt)) best = { metric, dueAt };
  }
  return best;
}

/** m:ss under an hour, h:mm:ss above; the sign is left to the caller's wording. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
