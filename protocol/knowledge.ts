import { z } from 'zod';
import { Category } from './entities';

// SOPs (标准作业流程) per category and the knowledge base (知识库). Workstations fetch the whole
// set (it is small), cache it for offline reading, and tick checklist steps per ticket.

/** The teams an escalation can go to, by the team's kind. */
export const ESCALATION_TEAMS = ['tech', 'payment', 'supplier', 'disputes', 'security', 'senior'] as const;
export const EscalationTeam = z.enum(ESCALATION_TEAMS);
export type EscalationTeam = z.infer<typeof EscalationTeam>;

const text = (max: number) => z.string().trim().min(1).max(max);
const itemId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '清单项编号只能包含字母、数字、- 和 _ (checklist item id: letters, digits, - and _)');

export const ChecklistItem = z.object({ id: itemId, text: text(300) });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const EscalationRule = z.object({
  team: EscalationTeam,
  /** When to escalate, e.g. 供应商 30 分钟未恢复. */
  condition: text(500),
  /** What the agent does, e.g. 转供应商对接组并备注订单号. */
  action: text(500),
});
export type EscalationRule = z.infer<typeof EscalationRule>;

export const Sop = z.object({
  category: Category,
  answerTemplate: z.string(),
  checklist: z.array(ChecklistItem),
  escalation: EscalationRule,
  updatedAt: z.string(),
});
export type Sop = z.infer<typeof Sop>;

// PUT /api/knowledge/sops/:category (admins): the whole SOP.
export const SopInput = z
  .object({
    answerTemplate: text(5000),
    checklist: z.array(ChecklistItem).min(1).max(30),
    escalation: EscalationRule,
  })
  .refine((s) => new Set(s.checklist.map((i) => i.id)).size === s.checklist.length, {
    message: '清单项编号重复 (duplicate checklist item id)',
    path: ['checklist'],
  });
export type SopInput = z.infer<typeof SopInput>;

export const ARTICLE_AUDIENCES = ['agent', 'customer'] as const;
export const ArticleAudience = z.enum(ARTICLE_AUDIENCES);
export type ArticleAudience = z.infer<typeof ArticleAudience>;

export const Article = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  categories: z.array(Category),
  keywords: z.array(z.string()),
  /** 'customer' articles may be sent to customers as they are; 'agent' ones are internal. */
  audience: ArticleAudience,
  updatedAt: z.string(),
});
export type Article = z.infer<typeof Article>;

// PUT /api/knowledge/articles/:id (admins): creates or replaces; the client mints the id, so a retry lands once.
export const ArticleInput = z.object({
  title: text(120),
  body: text(20_000),
  categories: z.array(Category).max(13).default([]),
  keywords: z.array(text(40)).max(20).default([]),
  audience: ArticleAudience,
});
export type ArticleInput = z.infer<typeof ArticleInput>;

// GET /api/knowledge: every SOP and live article.
export const KnowledgeResponse = z.object({ sops: z.array(Sop), articles: z.array(Article) });
export type KnowledgeResponse = z.infer<typeof KnowledgeResponse>;

export const SopResponse = z.object({ sop: Sop });
export type SopResponse = z.infer<typeof SopResponse>;
export const ArticleResponse = z.object({ article: Article });
export type ArticleResponse = z.infer<typeof ArticleResponse>;

/** One checklist step's state on a ticket; `at` is when the agent ticked it (their clock). */
export const ChecklistTick = z.object({
  itemId: itemId,
  checked: z.boolean(),
  at: z.iso.datetime({ offset: true }),
});
export type ChecklistTick = z.infer<typeof ChecklistTick>;

// PUT /api/conversations/:id/checklist: the ticks a workstation made; the latest per step wins.
export const ChecklistTicksRequest = z.object({ ticks: z.array(ChecklistTick).min(1).max(100) });
export type ChecklistTicksRequest = z.infer<typeof ChecklistTicksRequest>;

// GET and PUT answer with the ticket's current ticks.
export const ChecklistTicksResponse = z.object({
  ticks: z.array(ChecklistTick.extend({ agentId: z.string().nullable() })),
});
export type ChecklistTicksResponse = z.infer<typeof ChecklistTicksResponse>;
