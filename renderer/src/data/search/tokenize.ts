// Terms for the search index. Chinese has no spaces, so a text gives two kinds of term:
// the words Intl.Segmenter finds (and every Latin or digit token, such as an order number
// DD2026112200001), and every pair of adjacent Han characters. A query's Han text is
// looked up by its pairs, which match whatever way the segmenter split the document
// (王者荣耀 may come out as 王者|荣耀 in one sentence and whole in another); its words
// then rank documents where they stand as words above ones that merely contain the pairs.

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN_RUNS = /\p{Script=Han}+/gu;
const HAN = /^\p{Script=Han}+$/u;
/** Longer "words" are pasted codes or noise; nobody searches for them by a prefix of this length. */
const MAX_TERM_LENGTH = 40;

/** Full-width forms folded to ASCII, case folded: what is indexed and what is looked up. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function words(normalized: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalized)) {
    if (s.isWordLike && s.segment.length <= MAX_TERM_LENGTH) out.push(s.segment);
  }
  return out;
}

function bigrams(run: string): string[] {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** What a conversation is found by besides its messages: its subject and its tags. */
export function headlineOf(c: { subject: string; tags?: readonly string[] }): string {
  return c.tags?.length ? `${c.subject}\n${c.tags.join('\n')}` : c.subject;
}

/** Adds the index terms of `text` to `into`. */
export function addIndexTerms(text: string, into: Set<string>): void {
  const normalized = normalize(text);
  for (const w of words(normalized)) into.add(w);
  for (const run of normalized.match(HAN_RUNS) ?? []) for (const b of bigrams(run)) into.add(b);
}

export interface QueryPlan {
  /** What a result must contain, each as typed (normalized): one per space-separated part. */
  phrases: string[];
  /** Index terms every result has: pairs for Han text, the character itself when alone, other words as they are. */
  required: string[];
  /** Han words of three or more characters: a document holding them as words ranks higher. */
  words: string[];
}

export function planQuery(query: string): QueryPlan {
  // A part without a letter or digit (stray punctuation) has nothing to look up.
  const phrases = [...new Set(normalize(query).split(/\s+/).filter((p) => /[\p{L}\p{N}]/u.test(p)))];
  const required = new Set<string>();
  const wordTerms = new Set<string>();
  for (const phrase of phrases) {
    for (const w of words(phrase)) {
      if (!HAN.test(w)) required.add(w);
      else if (Array.from(w).length >= 3) wordTerms.add(w);
    }
    for (const run of phrase.match(HAN_RUNS) ?? []) {
      const pairs = bigrams(run);
      if (pairs.length === 0) required.add(run);
      for (const b of pairs) required.add(b);
    }
  }
  return { phrases, required: [...required], words: [...wordTerms] };
}
