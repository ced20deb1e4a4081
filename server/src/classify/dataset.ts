import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Category } from '../../../protocol/entities';
import type { LabelledExample } from './classifier';

const Line = z.object({ text: z.string().min(1), category: Category });

/** Parses labelled JSONL; a bad line names its file and line so dataset edits fail loudly. */
export function parseLabelled(jsonl: string, source: string): LabelledExample[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), no: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, no }) => {
      const parsed = Line.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${source} line ${no}: ${parsed.error.message}`);
      return parsed.data;
    });
}

const load = (name: string) => parseLabelled(readFileSync(new URL(`./dataset/${name}`, import.meta.url), 'utf8'), name);

/** The training and evaluation set shipped beside this module; read once, at load. */
export const LABELLED: readonly LabelledExample[] = load('labelled.jsonl');

/**
 * Messages written only after the features, rules and parameters were frozen, and never
 * trained on: the least flattering, most honest number. Don't tune against it; add a fresh
 * file instead when the model changes substantially.
 */
export const UNSEEN: readonly LabelledExample[] = load('unseen.jsonl');

/** FNV-1a: a stable, platform-independent order that doesn't change when lines are appended. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Examples grouped by category, each group in hash order, so every split is stratified. */
function strata(examples: readonly LabelledExample[]): LabelledExample[][] {
  const groups = new Map<Category, LabelledExample[]>();
  for (const ex of examples) groups.set(ex.category, [...(groups.get(ex.category) ?? []), ex]);
  return [...groups.values()].map((g) => [...g].sort((a, b) => hash(a.text) - hash(b.text) || a.text.localeCompare(b.text)));
}

export interface Split {
  train: LabelledExample[];
  test: LabelledExample[];
}

/** Deterministic stratified split: the first `trainShare` of each category (in hash order) trains. */
export function heldOutSplit(examples: readonly LabelledExample[], trainShare = 0.7): Split {
  const split: Split = { train: [], test: [] };
  for (const group of strata(examples)) {
    const cut = Math.round(group.length * trainShare);
    split.train.push(...group.slice(0, cut));
    split.test.push(...group.slice(cut));
  }
  return split;
}

/** Deterministic stratified k-fold: fold i tests on every k-th example of each category. */
export function folds(examples: readonly LabelledExample[], k = 5): Split[] {
  const ranked = strata(examples).flatMap((group) => group.map((ex, i) => ({ ex, fold: i % k })));
  return Array.from({ length: k }, (_, fold) => ({
    train: ranked.filter((r) => r.fold !== fold).map((r) => r.ex),
    test: ranked.filter((r) => r.fold === fold).map((r) => r.ex),
  }));
}
