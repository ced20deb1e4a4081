import type { ChecklistItem } from '../../../../protocol';

/**
 * Checklist items from the editor's lines (one step a line, blank lines dropped). A line whose
 * text an existing step had keeps that step's id, so ticks already made keep pointing at it;
 * a new line gets a fresh id.
 */
export function checklistFromLines(text: string, previous: readonly ChecklistItem[], mintId: () => string): ChecklistItem[] {
  const unused = new Map(previous.map((i) => [i.text.trim(), i.id]));
  const taken = new Set<string>();
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const kept = unused.get(line);
      const id = kept !== undefined && !taken.has(kept) ? kept : mintId();
      taken.add(id);
      return { id, text: line };
    });
}

/** Keywords typed comma- or 、-separated, trimmed, without blanks or repeats. */
export function keywordsFrom(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((k) => k.trim()).filter((k) => k !== ''))];
}
