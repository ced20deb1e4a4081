import type { Category, ConversationStatus, Priority } from '../../../protocol/entities';
import type { Mutation } from '../../../protocol/sync';
import { type AuthContext, seesEverything } from '../auth/context';
import { learnCorrection } from '../classify/store';
import type { Sql } from '../db/db';
import { DEFAULT_POLICIES } from '../pipeline/policies';
import { queueSupplierCheck } from '../pipeline/supplier-checks';
import { refreshSla } from '../sla/tracker';
import { previewOf } from '../sync/rows';
import { inScope } from '../sync/scope';
import { agentActor, assignedEvent, recordEvents, statusChange, TICKET_EVENT } from './events';
import { notifyOutbound, touchConversationGraph } from './graph';
import { mayAssign, mayWorkOn, statusAfterAgentReply, type Verdict } from './ownership';

export type CommandResult =
  | { status: 'applied' }
  | { status: 'rejected'; code: 'not_found' | 'forbidden' | 'reassigned' | 'conversation_resolved' | 'invalid'; message: string; params: Record<string, string> };

interface LoadedConversation {
  id: string;
  status: ConversationStatus;
  teamId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  channel: string;
  category: Category | null;
}

const applied: CommandResult = { status: 'applied' };
const reject = (v: Extract<Verdict, { ok: false }>): CommandResult => ({ status: 'rejected', ...v });
type Rejected = Extract<CommandResult, { status: 'rejected' }>;
const notFound: Rejected = {
  status: 'rejected',
  code: 'not_found',
  message: '会话不存在或不在你的范围内 (conversation not found or outside your scope)',
  params: {},
};

// FOR UPDATE: concurrent commands on one ticket see each other's ownership changes.
async function load(tx: Sql, auth: AuthContext, id: string): Promise<LoadedConversation | null> {
  const { rows } = await tx.query<{
    id: string;
    status: ConversationStatus;
    team_id: string | null;
    assignee_id: string | null;
    assignee_name: string | null;
    channel: string;
    category: Category | null;
  }>(
    `SELECT c.id, c.status, c.team_id, c.assignee_id, a.name AS assignee_name, c.channel, c.category
       FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id
      WHERE c.id = $1 AND c.deleted_at IS NULL FOR UPDATE OF c`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const conv = {
    id: r.id,
    status: r.status,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    channel: r.channel,
    category: r.category,
  };
  return inScope(auth, conv) ? conv : null;
}

async function insertMessage(
  tx: Sql,
  auth: AuthContext,
  args: { messageId: string; conversationId: string; body: string },
  kind: 'agent' | 'note',
): Promise<'inserted' | 'exists' | 'conflict'> {
  const { rows } = await tx.query<{ conversation_id: string; author_id: string | null }>(
    'SELECT conversation_id, author_id FROM messages WHERE id = $1',
    [args.messageId],
  );
  const existing = rows[0];
  if (existing) {
    // The same message re-sent under a new mutation id: keep the first copy.
    return existing.conversation_id === args.conversationId && existing.author_id === auth.agentId ? 'exists' : 'conflict';
  }
  await tx.query(
    `INSERT INTO messages (id, conversation_id, kind, author_id, author_name, body) VALUES ($1, $2, $3, $4, $5, $6)`,
    [args.messageId, args.conversationId, kind, auth.agentId, auth.name, args.body],
  );
  return 'inserted';
}

const idConflict: Rejected = {
  status: 'rejected',
  code: 'invalid',
  message: '消息编号已被占用 (message id already used)',
  params: {},
};

export async function runCommand(tx: Sql, auth: AuthContext, m: Mutation): Promise<CommandResult> {
  const conv = await load(tx, auth, m.args.conversationId);
  if (!conv) return notFound;
  const actor = agentActor(auth);

  switch (m.name) {
    case 'message.send': {
      const v = mayWorkOn(auth, conv);
      if (!v.ok) return reject(v);
      const outcome = await insertMessage(tx, auth, m.args, 'agent');
      if (outcome === 'conflict') return idConflict;
      if (outcome === 'exists') return applied;
      const status = statusAfterAgentReply(conv.status);
      // The first agent to answer owns the ticket (首问负责制).
      await tx.query(
        `UPDATE conversations SET status = $2, assignee_id = COALESCE(assignee_id, $3), unread_count = 0,
           last_message_at = now(), last_message_preview = $4, updated_at = now() WHERE id = $1`,
        [conv.id, status, auth.agentId, previewOf(m.args.body)],
      );
      await recordEvents(tx, conv.id, [
        { actor, type: TICKET_EVENT.agentMessage, data: { messageId: m.args.messageId } },
        statusChange(actor, { from: conv.status, to: status, cause: 'agent_reply' }),
        conv.assigneeId === null ? assignedEvent(actor, { from: null, to: auth.agentId, teamId: conv.teamId, cause: 'first_reply' }) : null,
      ]);
      await refreshSla(tx, conv.id, DEFAULT_POLICIES);
      await notifyOutbound(tx, conv.id);
      return applied;
    }
    case 'message.note': {
      const outcome = await insertMessage(tx, auth, m.args, 'note');
      if (outcome === 'conflict') return idConflict;
      if (outcome === 'inserted') {
        await tx.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [conv.id]);
        await recordEvents(tx, conv.id, [{ actor, type: TICKET_EVENT.note, data: { messageId: m.args.messageId } }]);
      }
      return applied;
    }
    case 'conversation.setStatus': {
      const v = mayWorkOn(auth, conv);
      if (!v.ok) return reject(v);
      if (conv.status !== m.args.status) {
        await tx.query('UPDATE conversations SET status = $2, updated_at = now() WHERE id = $1', [conv.id, m.args.status]);
        await recordEvents(tx, conv.id, [statusChange(actor, { from: conv.status, to: m.args.status })]);
        await refreshSla(tx, conv.id, DEFAULT_POLICIES);
      }
      return applied;
    }
    case 'conversation.markRead': {
      await tx.query('UPDATE conversations SET unread_count = 0 WHERE id = $1 AND unread_count <> 0', [conv.id]);
      return applied;
    }
    case 'conversation.assign':
      return assign(tx, auth, conv, m.args);
    case 'conversation.setCategory':
      return setCategory(tx, auth, conv, m.args.category);
    case 'conversation.setPriority':
      return setPriority(tx, auth, conv, m.args.priority);
    case 'conversation.tag': {
      const v = mayWorkOn(auth, conv);
      if (!v.ok) return reject(v);
      const added = await tx.query(
        'INSERT INTO conversation_tags (conversation_id, tag, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [conv.id, m.args.tag, auth.agentId],
      );
      if (!added.rowCount) return applied;
      await tx.query('UPDATE conversations SET tags = array_append(tags, $2), updated_at = now() WHERE id = $1', [conv.id, m.args.tag]);
      await recordEvents(tx, conv.id, [{ actor, type: TICKET_EVENT.tagged, data: { tag: m.args.tag } }]);
      return applied;
    }
    case 'conversation.untag': {
      const v = mayWorkOn(auth, conv);
      if (!v.ok) return reject(v);
      const removed = await tx.query('DELETE FROM conversation_tags WHERE conversation_id = $1 AND tag = $2', [conv.id, m.args.tag]);
      if (!removed.rowCount) return applied;
      await tx.query('UPDATE conversations SET tags = array_remove(tags, $2), updated_at = now() WHERE id = $1', [conv.id, m.args.tag]);
      await recordEvents(tx, conv.id, [{ actor, type: TICKET_EVENT.untagged, data: { tag: m.args.tag } }]);
      return applied;
    }
  }
}

/** Priority orders the queues; the SLA targets follow it. */
async function setPriority(tx: Sql, auth: AuthContext, conv: LoadedConversation, priority: Priority): Promise<CommandResult> {
  const v = mayWorkOn(auth, conv);
  if (!v.ok) return reject(v);
  const { rows } = await tx.query<{ priority: Priority }>('SELECT priority FROM conversations WHERE id = $1', [conv.id]);
  const from = rows[0]!.priority;
  if (from === priority) return applied;
  await tx.query('UPDATE conversations SET priority = $2, updated_at = now() WHERE id = $1', [conv.id, priority]);
  await recordEvents(tx, conv.id, [{ actor: agentActor(auth), type: TICKET_EVENT.priority, data: { from, to: priority } }]);
  await refreshSla(tx, conv.id, DEFAULT_POLICIES);
  return applied;
}

async function assign(
  tx: Sql,
  auth: AuthContext,
  conv: LoadedConversation,
  args: { assigneeId: string | null; teamId?: string },
): Promise<CommandResult> {
  const v = mayAssign(auth, conv, args.assigneeId);
  if (!v.ok) return reject(v);
  // Moving a ticket to another team is a supervisor's call, the exception to first-responder ownership.
  const teamId = args.teamId ?? conv.teamId;
  if (teamId !== conv.teamId) {
    if (!seesEverything(auth)) {
      return { status: 'rejected', code: 'forbidden', message: '只有主管可以把会话转到其他组 (only a supervisor may move a ticket to another team)', params: {} };
    }
    const { rows } = await tx.query('SELECT 1 FROM teams WHERE id = $1 AND deleted_at IS NULL', [teamId]);
    if (!rows[0]) return { ...notFound, message: '要转入的组不存在 (no such team)' };
  }
  if (conv.assigneeId === args.assigneeId && teamId === conv.teamId) return applied;
  if (args.assigneeId !== null) {
    const { rows } = await tx.query(`SELECT 1 FROM agents WHERE id = $1 AND deleted_at IS NULL`, [args.assigneeId]);
    if (!rows[0]) return { ...notFound, message: '要分派的客服不存在 (no such agent)' };
  }
  await tx.query(
    `UPDATE conversations SET assignee_id = $2, team_id = $3,
       prev_team_id = CASE WHEN team_id IS DISTINCT FROM $3 THEN team_id ELSE prev_team_id END, updated_at = now()
     WHERE id = $1`,
    [conv.id, args.assigneeId, teamId],
  );
  const moved = teamId !== conv.teamId;
  await recordEvents(tx, conv.id, [
    assignedEvent(agentActor(auth), {
      from: conv.assigneeId,
      to: args.assigneeId,
      teamId,
      fromTeamId: moved ? conv.teamId : undefined,
      cause: 'manual',
    }),
  ]);
  // The new owner or team may not have had the ticket: make sure their workstations get the history.
  if (args.assigneeId !== null || moved) await touchConversationGraph(tx, conv.id);
  return applied;
}

/**
 * An agent corrects the category. The classifier learns from the ticket's first customer
 * message, and the SLA targets follow the new category at once.
 */
async function setCategory(tx: Sql, auth: AuthContext, conv: LoadedConversation, category: Category): Promise<CommandResult> {
  const v = mayWorkOn(auth, conv);
  if (!v.ok) return reject(v);
  if (conv.category === category) return applied;
  await tx.query('UPDATE conversations SET category = $2, category_confidence = NULL, updated_at = now() WHERE id = $1', [conv.id, category]);
  const { rows } = await tx.query<{ body: string }>(
    `SELECT body FROM messages WHERE conversation_id = $1 AND kind = 'customer' AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`,
    [conv.id],
  );
  const first = rows[0];
  const learned = first ? await learnCorrection(tx, first.body, category) : null;
  await recordEvents(tx, conv.id, [
    {
      actor: agentActor(auth),
      type: TICKET_EVENT.categoryOverridden,
      data: { from: conv.category, to: category, learned: learned && { before: learned.before, after: learned.after, rounds: learned.rounds } },
    },
  ]);
  await refreshSla(tx, conv.id, DEFAULT_POLICIES);
  // Corrected to 到账延迟 with an order: the pipeline sweep checks the supplier automatically.
  await queueSupplierCheck(tx, conv.id);
  return applied;
}
