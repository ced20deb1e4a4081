import { TagName } from '../../../../protocol';

/** One line of the tag chooser: a tag to put on the target tickets, or one to take off them. */
export interface TagOption {
  tag: string;
  op: 'add' | 'remove';
}

/**
 * What the chooser offers for `targets` (the tags of each ticket it acts on): a tag every
 * target has is taken off; one only some have, then the suggestions (most used first), are
 * put on. Suggestions already listed are not repeated.
 */
export function tagOptions(targets: ReadonlyArray<readonly string[] | undefined>, suggested: Iterable<string>): TagOption[] {
  const counts = new Map<string, number>();
  for (const tags of targets) for (const tag of new Set(tags ?? [])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const out: TagOption[] = [];
  for (const [tag, n] of counts) if (n === targets.length) out.push({ tag, op: 'remove' });
  for (const [tag, n] of counts) if (n < targets.length) out.push({ tag, op: 'add' });
  for (const tag of suggested) if (!counts.has(tag)) out.push({ tag, op: 'add' });
  return out.filter((o, i) => out.findIndex((p) => p.tag === o.tag) === i);
}

/** The typed text as a new tag, or null when it is not a valid tag or is already offered. */
export function typedTag(query: string, offered: readonly TagOption[]): string | null {
  const parsed = TagName.safeParse(query);
  if (!parsed.success) return null;
  return offered.some((o) => o.tag === parsed.data) ? null : parsed.data;
}

/** Tags by how many of `rows` carry them, most first (ties in first-seen order). */
export function tagsByUse(rows: Iterable<{ tags?: readonly string[] }>): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const tag of row.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
}

export const optionId = (o: TagOption): string => `${o.op}:${o.tag}`;

export function optionOf(id: string): TagOption | null {
  const at = id.indexOf(':');
  const op = id.slice(0, at);
  return op === 'add' || op === 'remove' ? { op, tag: id.slice(at + 1) } : null;
}
