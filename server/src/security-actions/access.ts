import type { AuthContext } from '../auth/context';
import { seesEverything } from '../auth/context';
import type { Sql } from '../db/db';
import { forbidden } from '../http/errors';

/** Security actions are for supervisors, admins and members of a security team (账户安全组). */
export function maySecure(auth: AuthContext, securityTeamIds: readonly string[]): boolean {
  return seesEverything(auth) || auth.teamIds.some((t) => securityTeamIds.includes(t));
}

export async function requireSecurityRole(sql: Sql, auth: AuthContext): Promise<void> {
  if (seesEverything(auth)) return;
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM teams WHERE kind = 'security' AND deleted_at IS NULL`);
  if (!maySecure(auth, rows.map((r) => r.id))) {
    throw forbidden('只有主管、管理员或账户安全组成员可以执行安全操作 (security actions are for supervisors, admins and the security team)');
  }
}
