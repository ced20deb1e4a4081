import type { KadeskDb } from '../db';

/**
 * The document table held in memory: number → conversation and recency. Ranking needs the
 * recency of every candidate, and reading thousands of rows one get at a time costs tens
 * of milliseconds in a browser; a typed array costs microseconds. The copy catches up on
 * each search by reading only the rows written since (`seq`), in one request.
 */
export class DocMirror {
  private lastAt = new Float64Array(1024);
  private ids: Array<string | undefined> = [];
  private seenSeq = 0;

  async refresh(db: KadeskDb): Promise<void> {
    // The first load reads the table in key order, which is one sequential read; later ones read the few changed rows by seq.
    const changed = this.seenSeq === 0 ? await db.searchDocs.toArray() : await db.searchDocs.where('seq').above(this.seenSeq).toArray();
    for (const d of changed) {
      if (d.no >= this.lastAt.length) {
        const grown = new Float64Array(Math.max(d.no + 1, this.lastAt.length * 2));
        grown.set(this.lastAt);
        this.lastAt = grown;
      }
      // 0 marks a document whose conversation is gone.
      this.lastAt[d.no] = d.gone ? 0 : Date.parse(d.lastAt);
      this.ids[d.no] = d.conversationId;
      this.seenSeq = Math.max(this.seenSeq, d.seq);
    }
  }

  conversationOf(no: number): string | undefined {
    return this.lastAt[no] ? this.ids[no] : undefined;
  }

  lastAtOf(no: number): number {
    return this.lastAt[no] ?? 0;
  }

  /** The `want` most recent live documents among `candidates`, newest first. */
  newest(candidates: Uint32Array, want: number): number[] {
    // A short list kept sorted newest first; most candidates are older than its last and skipped at once.
    const top: number[] = [];
    for (const no of candidates) {
      const at = this.lastAtOf(no);
      if (at === 0) continue;
      if (top.length === want && at <= this.lastAtOf(top[want - 1]!)) continue;
      let i = top.length;
      while (i > 0 && this.lastAtOf(top[i - 1]!) < at) i--;
      top.splice(i, 0, no);
      if (top.length > want) top.pop();
    }
    return top;
  }
}

const mirrors = new WeakMap<KadeskDb, DocMirror>();

export function docMirror(db: KadeskDb): DocMirror {
  let mirror = mirrors.get(db);
  if (!mirror) mirrors.set(db, (mirror = new DocMirror()));
  return mirror;
}
