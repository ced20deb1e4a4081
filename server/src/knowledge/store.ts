import type { Category } from '../../../protocol/entities';
import type { Article, ArticleInput, ChecklistTick, ChecklistTicksResponse, EscalationTeam, Sop, SopInput } from '../../../protocol/knowledge';
import type { Sql } from '../db/db';

interface SopRow {
  category: Category;
  answer_template: string;
  checklist: Sop['checklist'];
  escalation_team: EscalationTeam;
  escalation_condition: string;
  escalation_action: string;
  updated_at: Date;
}

const toSop = (r: SopRow): Sop => ({
  category: r.category,
  answerTemplate: r.answer_template,
  checklist: r.checklist,
  escalation: { team: r.escalation_team, condition: r.escalation_condition, action: r.escalation_action },
  updatedAt: new Date(r.updated_at).toISOString(),
});

interface ArticleRow {
  id: string;
  title: string;
  body: string;
  categories: Category[];
  keywords: string[];
  audience: Article['audience'];
  updated_at: Date;
}

const toArticle = (r: ArticleRow): Article => ({
  id: r.id,
  title: r.title,
  body: r.body,
  categories: r.categories,
  keywords: r.keywords,
  audience: r.audience,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listSops(sql: Sql): Promise<Sop[]> {
  const { rows } = await sql.query<SopRow>('SELECT * FROM sops ORDER BY category');
  return rows.map(toSop);
}

export async function listArticles(sql: Sql): Promise<Article[]> {
  const { rows } = await sql.query<ArticleRow>('SELECT * FROM kb_articles WHERE deleted_at IS NULL ORDER BY updated_at DESC, id');
  return rows.map(toArticle);
}

export async function upsertSop(tx: Sql, category: Category, s: SopInput, agentId: string | null): Promise<Sop> {
  const { rows } = await tx.query<SopRow>(
    `INSERT INTO sops (category, answer_template, checklist, escalation_team, escalation_condition, escalation_action, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (category) DO UPDATE SET answer_template = $2, checklist = $3, escalation_team = $4,
       escalation_condition = $5, escalation_action = $6, updated_by = $7, updated_at = now()
     RETURNING *`,
    [category, s.answerTemplate, JSON.stringify(s.checklist), s.escalation.team, s.escalation.condition, s.escalation.action, agentId],
  );
  return toSop(rows[0]!);
}

/** Creates or replaces an article; a deleted one comes back when it is saved again. */
export async function upsertArticle(tx: Sql, id: string, a: ArticleInput, agentId: string | null): Promise<Article> {
  const { rows } = await tx.query<ArticleRow>(
    `INSERT INTO kb_articles (id, title, body, categories, keywords, audience, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET title = $2, body = $3, categories = $4, keywords = $5, audience = $6,
       updated_by = $7, updated_at = now(), deleted_at = NULL
     RETURNING *`,
    [id, a.title, a.body, a.categories, a.keywords, a.audience, agentId],
  );
  return toArticle(rows[0]!);
}

/** Soft delete, so a retried delete answers the same; false when there was no such article. */
export async function deleteArticle(tx: Sql, id: string, agentId: string): Promise<boolean> {
  const { rows } = await tx.query(
    'UPDATE kb_articles SET deleted_at = COALESCE(deleted_at, now()), updated_by = $2 WHERE id = $1 RETURNING id',
    [id, agentId],
  );
  return rows.length > 0;
}

export async function checklistTicks(sql: Sql, conversationId: string): Promise<ChecklistTicksResponse['ticks']> {
  const { rows } = await sql.query<{ item_id: string; checked: boolean; at: Date; agent_id: string | null }>(
    'SELECT item_id, checked, at, agent_id FROM checklist_ticks WHERE conversation_id = $1 ORDER BY item_id',
    [conversationId],
  );
  return rows.map((r) => ({ itemId: r.item_id, checked: r.checked, at: new Date(r.at).toISOString(), agentId: r.agent_id }));
}

/**
 * Applies ticks made on a workstation, possibly offline and possibly resent: a step takes a
 * tick only when it is newer than the one stored, so the latest decision wins whatever order
 * the workstations come back online in, and a retry changes nothing.
 */
export async function applyTicks(tx: Sql, conversationId: string, ticks: ChecklistTick[], agentId: string): Promise<void> {
  for (const t of ticks) {
    await tx.query(
      `INSERT INTO checklist_ticks AS c (conversation_id, item_id, checked, at, agent_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id, item_id) DO UPDATE SET checked = $3, at = $4, agent_id = $5 WHERE c.at < $4`,
      [conversationId, t.itemId, t.checked, t.at, agentId],
    );
  }
}
