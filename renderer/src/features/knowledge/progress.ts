import type { ChecklistItem, ChecklistTick } from '../../../../protocol';

export interface ChecklistRow extends ChecklistItem {
  checked: boolean;
  /** Ticked on this workstation and not yet on the server. */
  pending: boolean;
}

export interface ChecklistProgress {
  rows: ChecklistRow[];
  done: number;
  total: number;
  /** The first step not ticked yet, where the keyboard path lands; null when all are done. */
  nextId: string | null;
}

/**
 * The SOP's checklist with the ticket's ticks laid over it. Ticks of steps an admin has since
 * removed are ignored; when a step has several ticks (server copy and local one), the latest wins.
 */
export function checklistProgress(
  items: readonly ChecklistItem[],
  ticks: ReadonlyArray<ChecklistTick & { pending?: 0 | 1 | boolean }>,
): ChecklistProgress {
  const latest = new Map<string, ChecklistTick & { pending?: 0 | 1 | boolean }>();
  for (const t of ticks) {
    const seen = latest.get(t.itemId);
    if (!seen || Date.parse(t.at) >= Date.parse(seen.at)) latest.set(t.itemId, t);
  }
  const rows = items.map((item): ChecklistRow => {
    const t = latest.get(item.id);
    return { ...item, checked: t?.checked ?? false, pending: Boolean(t?.pending) };
  });
  const done = rows.filter((r) => r.checked).length;
  return { rows, done, total: rows.length, nextId: rows.find((r) => !r.checked)?.id ?? null };
}
