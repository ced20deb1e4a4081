import type { TFunction } from 'i18next';
import type { Agent, MacroAction, Team } from '../../../../protocol';
import { yuan } from './template';

/** One line saying what an action does, in the agent's language (the preview and the editor list). */
export function describeAction(t: TFunction, a: MacroAction, names: { agents: readonly Agent[]; teams: readonly Team[] }): string {
  switch (a.type) {
    case 'reply':
    case 'note':
    case 'survey':
    case 'reissue':
      return t(`macros.actions.${a.type}`, { cause: a.type === 'reissue' ? a.cause : '' });
    case 'status':
      return t('macros.actions.status', { status: t(`status.${a.status}`) });
    case 'priority':
      return t('macros.actions.priority', { priority: t(`priority.${a.priority}`) });
    case 'tag':
      return t('macros.actions.tag', { tag: a.tag });
    case 'assign':
      if (a.agentId === 'self') return t('macros.actions.assignSelf');
      if (a.agentId === null) return t('macros.actions.assignNone');
      return t('macros.actions.assignAgent', { name: names.agents.find((x) => x.id === a.agentId)?.name ?? a.agentId });
    case 'assignTeam':
      return t('macros.actions.assignTeam', { name: names.teams.find((x) => x.id === a.teamId)?.name ?? a.teamId });
    case 'refund':
      return a.amountCents ? t('macros.actions.refund', { amount: yuan(a.amountCents), cause: a.cause }) : t('macros.actions.refundFull', { cause: a.cause });
    case 'coupon':
      return t('macros.actions.coupon', { amount: yuan(a.amountCents), cause: a.cause });
    case 'credit':
      return t('macros.actions.credit', { percent: a.percent, cause: a.cause });
  }
}
