import { randomBytes } from 'node:crypto';
import { surveyPath, type SurveyAnswer } from '../../../protocol/csat';
import { newId } from '../../../protocol/ids';
import type { AuditActor } from '../audit/chain';
import { hashToken } from '../auth/sessions';
import { announce } from '../casework/announce';
import { customerActor, recordEvents } from '../conversations/events';
import type { Sql } from '../db/db';

export const SURVEY_AUTHOR = '满意度调查';

export const CSAT_EVENT = { sent: 'csat.sent', answered: 'csat.answered' } as const;

const SCORE_LABELS: Record<number, string> = { 1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' };
export const scoreLabel = (score: number): string => SCORE_LABELS[score] ?? String(score);

/** The invitation the customer receives on their channel. */
export function invitationText(link: string): string {
  return `您好，您的问题已处理完毕。请花几秒钟为本次服务打分（1–5 分），您的反馈会帮助我们改进：\n${link}\n每份问卷只能提交一次，感谢您的支持！`;
}

/** What the agent sees in the conversation once the customer has answered. */
export function answerText(a: SurveyAnswer): string {
  const stars = '★'.repeat(a.score) + '☆'.repeat(5 - a.score);
  const head = `客户满意度评价：${stars} ${a.score} 分（${scoreLabel(a.score)}）`;
  return a.comment ? `${head}\n客户留言：${a.comment}` : head;
}

export interface SurveyTarget {
  conversationId: string;
  customerId: string;
  channel: string;
  /** The agent whose work is rated: the ticket's owner. */
  agentId: string | null;
}

export type SendCause = 'resolved' | 'manual';

/**
 * Sends a survey unless one is still open for the conversation, in which case that one's id
 * is returned and nothing is sent. The caller holds the conversation row locked, so two
 * requests cannot both send; the partial unique index would refuse the second anyway.
 */
export async function sendSurvey(
  tx: Sql,
  target: SurveyTarget,
  opts: { publicUrl: string; actor: AuditActor; cause: SendCause },
): Promise<{ surveyId: string; sent: boolean }> {
  const open = await tx.query<{ id: string }>('SELECT id FROM csat_surveys WHERE conversation_id = $1 AND answered_at IS NULL', [
    target.conversationId,
  ]);
  if (open.rows[0]) return { surveyId: open.rows[0].id, sent: false };

  const surveyId = newId();
  const token = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO csat_surveys (id, conversation_id, customer_id, agent_id, channel, token_hash, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [surveyId, target.conversationId, target.customerId, target.agentId, target.channel, hashToken(token)],
  );
  // An authorless agent reply: every channel's outbound path carries it, webchat included.
  const messageId = await announce(tx, {
    conversationId: target.conversationId,
    kind: 'agent',
    authorName: SURVEY_AUTHOR,
    body: invitationText(surveyLink(opts.publicUrl, token)),
  });
  await recordEvents(tx, target.conversationId, [
    { actor: opts.actor, type: CSAT_EVENT.sent, data: { surveyId, messageId, cause: opts.cause } },
  ]);
  return { surveyId, sent: true };
}

export const surveyLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}${surveyPath(token)}`;

export interface OpenSurvey {
  id: string;
  answeredAt: Date | null;
}

export async function findSurvey(sql: Sql, token: string): Promise<OpenSurvey | null> {
  const { rows } = await sql.query<{ id: string; answered_at: Date | null }>('SELECT id, answered_at FROM csat_surveys WHERE token_hash = $1', [
    hashToken(token),
  ]);
  const r = rows[0];
  return r ? { id: r.id, answeredAt: r.answered_at } : null;
}

export type AnswerOutcome = 'answered' | 'already_answered' | 'not_found';

/**
 * Records the customer's answer once: the update only matches an unanswered survey, so a
 * double submit (two taps, a retried POST) finds it answered. The answer joins the
 * conversation as a system message the agent sees, and the ticket's audit chain.
 */
export async function answerSurvey(tx: Sql, token: string, answer: SurveyAnswer): Promise<AnswerOutcome> {
  const { rows } = await tx.query<{ id: string; conversation_id: string; customer_id: string }>(
    `UPDATE csat_surveys SET score = $2, comment = $3, answered_at = now()
      WHERE token_hash = $1 AND answered_at IS NULL
      RETURNING id, conversation_id, customer_id`,
    [hashToken(token), answer.score, answer.comment],
  );
  const s = rows[0];
  if (!s) return (await findSurvey(tx, token)) ? 'already_answered' : 'not_found';
  await tx.query(`INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body) VALUES ($1, $2, 'system', NULL, $3, $4)`, [
    newId(),
    s.conversation_id,
    SURVEY_AUTHOR,
    answerText(answer),
  ]);
  await tx.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [s.conversation_id]);
  await recordEvents(tx, s.conversation_id, [
    { actor: customerActor(s.customer_id), type: CSAT_EVENT.answered, data: { surveyId: s.id, score: answer.score, comment: answer.comment } },
  ]);
  return 'answered';
}
