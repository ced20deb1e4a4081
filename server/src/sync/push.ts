import type { MutationResult, PushRequest, PushResponse } from '../../../protocol/sync';
import type { AuthContext } from '../auth/context';
import { runCommand } from '../conversations/commands';
import type { Db } from '../db/db';

/**
 * Applies mutations in order, each in its own transaction together with the record of
 * its result. A mutation id seen before returns its first result and changes nothing, so
 * a client may retry a push after any failure and every mutation lands exactly once.
 */
export async function push(db: Db, auth: AuthContext, req: PushRequest): Promise<PushResponse> {
  const results: MutationResult[] = [];
  for (const m of req.mutations) {
    const result = await db.write(async (tx): Promise<MutationResult> => {
      const { rows } = await tx.query<{ agent_id: string; result: MutationResult }>(
        'SELECT agent_id, result FROM mutations WHERE id = $1',
        [m.id],
      );
      const seen = rows[0];
      if (seen) {
        if (seen.agent_id === auth.agentId) return seen.result;
        return {
          id: m.id,
          status: 'rejected',
          code: 'invalid',
          message: '该操作编号已被其他客服使用 (mutation id belongs to another agent)',
          params: {},
        };
      }
      const outcome = await runCommand(tx, auth, m);
      const recorded: MutationResult = { id: m.id, ...outcome };
      await tx.query(
        'INSERT INTO mutations (id, client_id, agent_id, name, result) VALUES ($1, $2, $3, $4, $5)',
        [m.id, req.clientId, auth.agentId, m.name, JSON.stringify(recorded)],
      );
      return recorded;
    });
    results.push(result);
  }
  const { rows } = await db.query<{ v: number }>('SELECT last_value AS v FROM sync_version');
  return { results, version: rows[0]?.v ?? 0 };
}
