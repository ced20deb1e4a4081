import type { Category } from '../../../protocol/entities';
import type { Macro, MacroAction, MacroScope } from '../../../protocol/macros';
import type { Sql } from '../db/db';

interface MacroRow {
  id: string;
  scope: MacroScope;
  owner_id: string | null;
  name: string;
  description: string;
  category: Category | null;
  actions: MacroAction[];
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, scope, owner_id, name, description, category, actions, created_at, updated_at';

const fromRow = (r: MacroRow): Macro => ({
  id: r.id,
  scope: r.scope,
  ownerId: r.owner_id,
  name: r.name,
  description: r.description,
  category: r.category,
  actions: r.actions,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The shared macros and `agentId`'s personal ones, shared first, then by name. */
export async function listMacros(sql: Sql, agentId: string): Promise<Macro[]> {
  const { rows } = await sql.query<MacroRow>(
    `SELECT ${COLUMNS} FROM macros WHERE scope = 'shared' OR owner_id = $1 ORDER BY scope DESC, name, id`,
    [agentId],
  );
  return rows.map(fromRow);
}

export async function getMacro(sql: Sql, id: string, lock = false): Promise<Macro | null> {
  const { rows } = await sql.query<MacroRow>(`SELECT ${COLUMNS} FROM macros WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export type MacroFields = Pick<Macro, 'id' | 'scope' | 'ownerId' | 'name' | 'description' | 'category' | 'actions'>;

export async function insertMacro(sql: Sql, m: MacroFields): Promise<Macro> {
  const { rows } = await sql.query<MacroRow>(
    `INSERT INTO macros (id, scope, owner_id, name, description, category, actions) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${COLUMNS}`,
    [m.id, m.scope, m.ownerId, m.name, m.description, m.category, JSON.stringify(m.actions)],
  );
  return fromRow(rows[0]!);
}

export async function updateMacro(sql: Sql, m: MacroFields): Promise<Macro> {
  const { rows } = await sql.query<MacroRow>(
    `UPDATE macros SET name = $2, description = $3, category = $4, actions = $5, updated_at = now() WHERE id = $1
     RETURNING ${COLUMNS}`,
    [m.id, m.name, m.description, m.category, JSON.stringify(m.actions)],
  );
  return fromRow(rows[0]!);
}

export async function deleteMacro(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM macros WHERE id = $1', [id]);
}

export interface MacroEvent {
  macroId: string;
  actorId: string | null;
  action: 'created' | 'updated' | 'deleted';
  before: Macro | null;
  after: Macro | null;
}

export async function recordMacroEvent(sql: Sql, e: MacroEvent): Promise<void> {
  await sql.query('INSERT INTO macro_events (macro_id, actor_id, action, before, after) VALUES ($1, $2, $3, $4, $5)', [
    e.macroId,
    e.actorId,
    e.action,
    e.before && JSON.stringify(e.before),
    e.after && JSON.stringify(e.after),
  ]);
}

export async function macroEvents(sql: Sql, macroId: string): Promise<Array<MacroEvent & { at: string }>> {
  const { rows } = await sql.query<{
    macro_id: string;
    at: Date | string;
    actor_id: string | null;
    action: MacroEvent['action'];
    before: Macro | null;
    after: Macro | null;
  }>('SELECT macro_id, at, actor_id, action, before, after FROM macro_events WHERE macro_id = $1 ORDER BY seq', [macroId]);
  return rows.map((r) => ({
    macroId: r.macro_id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    action: r.action,
    before: r.before,
    after: r.after,
  }));
}
