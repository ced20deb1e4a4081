import type { Article, ChecklistTick, Sop } from '../../../protocol';

// Rows of the knowledge tables (Dexie version 5); written by features/knowledge.

export type LocalSop = Sop;
export type LocalArticle = Article;

/** A checklist step's state on one ticket; `pending: 1` until the server has it. */
export interface LocalChecklistTick extends ChecklistTick {
  conversationId: string;
  pending: 0 | 1;
}
