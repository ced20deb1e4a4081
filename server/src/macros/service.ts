import { newId } from '../../../protocol/ids';
import type { CreateMacroRequest, Macro, MacroAction, UpdateMacroRequest } from '../../../protocol/macros';
import type { AuthContext } from '../auth/context';
import { unprocessable } from '../casework/errors';
import type { Db, Sql } from '../db/db';
import { forbidden, notFound } from '../http/errors';
import { deleteMacro, getMacro, insertMacro, recordMacroEvent, updateMacro } from './store';

// Who may change which macro: shared macros are the admins'; a personal macro is its owner's
// alone, and to anyone else it does not exist. Every change is recorded with the row before
// and after it.

const sharedIsAdmins = () => forbidden('只有管理员可以管理共享宏 (only admins manage shared macros)');
const noMacro = () => notFound('宏不存在 (no such macro)');

/** The macro as the caller may change it; throws 404 for another agent's personal macro, 403 for a shared one unless admin. */
async function editable(tx: Sql, auth: AuthContext, id: string): Promise<Macro> {
  const macro = await getMacro(tx, id, true);
  if (!macro || (macro.scope === 'personal' && macro.ownerId !== auth.agentId)) throw noMacro();
  if (macro.scope === 'shared' && auth.role !== 'admin') throw sharedIsAdmins();
  return macro;
}

/** Assignments must name agents and teams that exist, so a macro does not fail only when run. */
async function checkTargets(tx: Sql, actions: readonly MacroAction[]): Promise<void> {
  for (const a of actions) {
    if (a.type === 'assign' && a.agentId !== null && a.agentId !== 'self') {
      const { rows } = await tx.query('SELECT 1 FROM agents WHERE id = $1 AND deleted_at IS NULL', [a.agentId]);
      if (!rows[0]) throw unprocessable('unknown_agent', `宏要分派的客服不存在：${a.agentId} (no such agent)`);
    }
    if (a.type === 'assignTeam') {
      const { rows } = await tx.query('SELECT 1 FROM teams WHERE id = $1 AND deleted_at IS NULL', [a.teamId]);
      if (!rows[0]) throw unprocessable('unknown_team', `宏要转入的组不存在：${a.teamId} (no such team)`);
    }
  }
}

export function createMacro(db: Db, auth: AuthContext, req: CreateMacroRequest): Promise<Macro> {
  if (req.scope === 'shared' && auth.role !== 'admin') throw sharedIsAdmins();
  return db.write(async (tx) => {
    await checkTargets(tx, req.actions);
    const macro = await insertMacro(tx, {
      id: newId(),
      scope: req.scope,
      ownerId: req.scope === 'personal' ? auth.agentId : null,
      name: req.name,
      description: req.description,
      category: req.category,
      actions: req.actions,
    });
    await recordMacroEvent(tx, { macroId: macro.id, actorId: auth.agentId, action: 'created', before: null, after: macro });
    return macro;
  });
}

export function changeMacro(db: Db, auth: AuthContext, id: string, req: UpdateMacroRequest): Promise<Macro> {
  return db.write(async (tx) => {
    const before = await editable(tx, auth, id);
    if (req.actions) await checkTargets(tx, req.actions);
    const after = await updateMacro(tx, { ...before, ...req });
    await recordMacroEvent(tx, { macroId: id, actorId: auth.agentId, action: 'updated', before, after });
    return after;
  });
}

export function removeMacro(db: Db, auth: AuthContext, id: string): Promise<void> {
  return db.write(async (tx) => {
    const before = await editable(tx, auth, id);
    await deleteMacro(tx, id);
    await recordMacroEvent(tx, { macroId: id, actorId: auth.agentId, action: 'deleted', before, after: null });
  });
}
