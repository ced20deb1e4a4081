import { normalize } from './tokenize';

/** Text with the spans to mark; rendered as text nodes and <mark> elements, never as HTML. */
export interface Highlighted {
  text: string;
  ranges: Array<[start: number, end: number]>;
}

/** Text around the first hit shown in a result line. */
const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 120;

/** Lower-case form whose offsets match the original; normalizing may change the length, lower-casing Chinese text does not. */
function comparable(text: string): string {
  const n = normalize(text);
  return n.length === text.length ? n : text.toLowerCase();
}

/** Every occurrence of the phrases in `text`, overlapping spans joined. */
export function highlight(text: string, phrases: readonly string[]): Highlighted {
  const haystack = comparable(text);
  const spans: Array<[number, number]> = [];
  for (const p of phrases) {
    for (let i = haystack.indexOf(p); i >= 0 && p !== ''; i = haystack.indexOf(p, i + p.length)) spans.push([i, i + p.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const ranges: Array<[number, number]> = [];
  for (const s of spans) {
    const last = ranges.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else ranges.push([s[0], s[1]]);
  }
  return { text, ranges };
}

/** A short stretch of a long text around its first hit, with the hits in it. */
export function snippet(text: string, phrases: readonly string[]): Highlighted {
  const line = text.replace(/\s+/g, ' ').trim();
  const full = highlight(line, phrases);
  const first = full.ranges[0]?.[0] ?? 0;
  const start = Math.max(0, first - SNIPPET_BEFORE);
  const end = Math.min(line.length, start + SNIPPET_LENGTH);
  if (start === 0 && end === line.length) return full;
  const lead = start > 0 ? '…' : '';
  const shift = start - lead.length;
  return {
    text: `${lead}${line.slice(start, end)}${end < line.length ? '…' : ''}`,
    ranges: full.ranges
      .filter(([s, e]) => s < end && e > start)
      .map(([s, e]) => [Math.max(s, start) - shift, Math.min(e, end) - shift] as [number, number]),
  };
}
