import { TEMPLATE_VARIABLE, type Article, type Category, type Macro } from '../../../../protocol';

export interface ArticleContext {
  category: Category | null;
  /** What the customer wrote, for keyword matches. */
  text: string;
}

export interface RankedArticle {
  article: Article;
  score: number;
}

const CATEGORY_WEIGHT = 10;
const KEYWORD_WEIGHT = 3;
const TITLE_PAIR_CAP = 5;

/** Adjacent Han character pairs: Chinese words match whatever the segmentation. */
function hanPairs(s: string): Set<string> {
  const pairs = new Set<string>();
  const han = s.match(/[\u4e00-\u9fff]+/g) ?? [];
  for (const run of han) for (let i = 0; i + 1 < run.length; i++) pairs.add(run.slice(i, i + 2));
  return pairs;
}

/**
 * Articles for a ticket, best first: those filed under its category, then those whose
 * keywords or title words the customer used. Articles matching nothing are left out.
 */
export function rankArticles(articles: readonly Article[], ctx: ArticleContext, limit = 5): RankedArticle[] {
  const text = ctx.text.toLowerCase();
  const textPairs = hanPairs(text);
  const ranked: RankedArticle[] = [];
  for (const article of articles) {
    let score = ctx.category !== null && article.categories.includes(ctx.category) ? CATEGORY_WEIGHT : 0;
    for (const k of article.keywords) if (k && text.includes(k.toLowerCase())) score += KEYWORD_WEIGHT;
    let shared = 0;
    for (const p of hanPairs(article.title)) if (textPairs.has(p)) shared++;
    score += Math.min(shared, TITLE_PAIR_CAP);
    if (score > 0) ranked.push({ article, score });
  }
  return ranked
    .sort((a, b) => b.score - a.score || b.article.updatedAt.localeCompare(a.article.updatedAt) || a.article.id.localeCompare(b.article.id))
    .slice(0, limit);
}

/** The macros filed under the ticket's category: the agent's own first, then the shared ones, by name. */
export function suggestMacros(macros: readonly Macro[], category: Category | null, limit = 5): Macro[] {
  if (category === null) return [];
  return macros
    .filter((m) => m.category === category)
    .sort((a, b) => (a.scope === b.scope ? a.name.localeCompare(b.name, 'zh-CN') : a.scope === 'personal' ? -1 : 1))
    .slice(0, limit);
}

/**
 * Fills an answer template's variables from what the workstation knows; a variable it
 * cannot fill becomes a visible 【…】 gap for the agent to complete before sending.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | null | undefined>>): string {
  return template.replace(TEMPLATE_VARIABLE, (_whole, name: string) => values[name] || `【${name}】`);
}
