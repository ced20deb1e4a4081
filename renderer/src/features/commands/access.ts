import type { ParseKeys } from 'i18next';
import type { Role } from '../../../../protocol';
import type { Command } from './command';

/** Whoever signed in, as far as command access goes. */
export interface Viewer {
  role: Role;
  /** May freeze accounts and read transaction flows: a lead, or an agent of a security team (账户安全组). */
  maySecure: boolean;
}

interface CommandRule {
  roles: readonly Role[];
  /** Agents of a security team may run it too. */
  securityTeam?: boolean;
  /** What the workstation says when someone else presses its key: its own screen's notice. */
  notice: ParseKeys;
}

const LEADS: readonly Role[] = ['supervisor', 'admin'];

/**
 * The roles each restricted command is for, mirroring the server's role checks on the routes
 * behind it; a command without a rule is for everyone. The server still decides: this only
 * keeps people from being offered what it would refuse.
 */
function ruleOf(command: Command): CommandRule | null {
  switch (command.type) {
    case 'supervisor':
      return { roles: LEADS, notice: 'supervisor.forbidden' };
    case 'overlay':
      if (command.overlay === 'reports') return { roles: LEADS, notice: 'reports.onlyLeads' };
      if (command.overlay === 'proactive') return { roles: LEADS, notice: 'proactive.onlyLeads' };
      return null;
    case 'knowledge':
      return command.action === 'editor' ? { roles: ['admin'], notice: 'knowledge.adminOnly' } : null;
    case 'case':
      return command.action.do === 'freeze' || command.action.do === 'transactions'
        ? { roles: LEADS, securityTeam: true, notice: 'security.notAllowed' }
        : null;
    default:
      return null;
  }
}

/** The notice to show instead of running `command`, or null when the viewer may run it. */
export function refusal(command: Command, viewer: Viewer): ParseKeys | null {
  const rule = ruleOf(command);
  if (rule === null || rule.roles.includes(viewer.role) || (rule.securityTeam === true && viewer.maySecure)) return null;
  return rule.notice;
}

export const mayRun = (command: Command, viewer: Viewer): boolean => refusal(command, viewer) === null;

/** The entries (palette items, shortcut rows) whose command the viewer may run, in their order. */
export function runnableBy<T extends { command: Command }>(entries: readonly T[], viewer: Viewer): T[] {
  return entries.filter((e) => mayRun(e.command, viewer));
}
