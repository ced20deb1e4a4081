import type { TFunction } from 'i18next';
import { ALL_VIEWS, FIXED_VIEWS } from '../../data';
import { COMPENSATION_KINDS, CONVERSATION_STATUSES } from '../../../../protocol';
import { LANGUAGES } from '../../i18n';
import { labelText, viewLabel, type Label } from '../inbox/view-names';
import { BINDINGS, keyLabel } from '../shortcuts/keymap';
import { DESKTOP_ACTIONS } from '../desktop/desktop-store';
import type { Command } from './command';

export interface CatalogEntry {
  id: string;
  command: Command;
  label: string;
  group: string;
  keys: string[];
  /** The label in the other language, so an agent finds a command by either name. */
  keywords: string;
}

type Group = 'navigate' | 'conversation' | 'select' | 'view' | 'other';

function groupOf(command: Command): Group {
  switch (command.type) {
    case 'next':
    case 'prev':
    case 'open':
    case 'leave':
    case 'search':
      return 'navigate';
    case 'extendNext':
    case 'extendPrev':
    case 'toggleChecked':
    case 'checkAll':
    case 'clearChecked':
      return 'select';
    case 'view':
    case 'supervisor':
      return 'view';
    case 'overlay':
      return command.overlay === 'assign' || command.overlay === 'status' || command.overlay === 'tags' ? 'conversation' : command.overlay === 'views' ? 'view' : 'other';
    case 'desktop':
    case 'language':
    case 'signOut':
      return 'other';
    default:
      return 'conversation';
  }
}

/** Every command the workspace knows, whether or not a key is bound to it. */
function items(): Array<{ command: Command; label: Label }> {
  return [
    ...BINDINGS.map((b) => ({ command: b.command, label: { key: b.label } })),
    { command: { type: 'leave' }, label: { key: 'commands.leave' } },
    ...CONVERSATION_STATUSES.map((status) => ({
      command: { type: 'act', action: { type: 'setStatus', status } } as const,
      label: { key: 'commands.setStatus', options: { status: `status.${status}` } } as const,
    })),
    { command: { type: 'act', action: { type: 'assign', assigneeId: null } }, label: { key: 'commands.unassign' } },
    ...COMPENSATION_KINDS.map((kind) => ({
      command: { type: 'case', action: { do: 'compensate', kind } } as const,
      label: { key: 'compensation.commandKind', options: { kind: `compensation.kinds.${kind}` } } as const,
    })),
    { command: { type: 'knowledge', action: 'toggle' }, label: { key: 'knowledge.commands.toggle' } },
    { command: { type: 'knowledge', action: 'editor' }, label: { key: 'knowledge.commands.editor' } },
    { command: { type: 'macros', action: { do: 'edit' } }, label: { key: 'macros.manage' } },
    { command: { type: 'clearChecked' }, label: { key: 'commands.clearChecked' } },
    ...ALL_VIEWS.filter((v) => !(FIXED_VIEWS as readonly string[]).includes(v)).map((view) => ({
      command: { type: 'view', view } as const,
      label: viewLabel(view),
    })),
    ...LANGUAGES.map((language) => ({
      command: { type: 'language', language } as const,
      label: { key: 'commands.language', options: { language: `language.${language}` } } as const,
    })),
    { command: { type: 'overlay', overlay: 'proactive' }, label: { key: 'proactive.command' } },
    ...DESKTOP_ACTIONS.map((action) => ({
      command: { type: 'desktop', action } as const,
      label: { key: `desktop.commands.${action}` } as const,
    })),
    { command: { type: 'signOut' }, label: { key: 'app.signOut' } },
  ];
}

const keysOf = (command: Command) => BINDINGS.find((b) => JSON.stringify(b.command) === JSON.stringify(command))?.keys.map(keyLabel) ?? [];

/** The command palette's list, in the agent's language with the other one as keywords. */
export function commandCatalog(t: TFunction, other: TFunction): CatalogEntry[] {
  return items().map(({ command, label }) => ({
    id: JSON.stringify(command),
    command,
    label: labelText(t, label),
    group: t(`commands.groups.${groupOf(command)}`),
    keys: command.type === 'overlay' && command.overlay === 'palette' ? [] : keysOf(command),
    keywords: labelText(other, label),
  }));
}
