import type { TFunction } from 'i18next';
import type { Macro } from '../../../../protocol';
import type { CatalogEntry } from '../commands/catalog';
import type { Command } from '../commands/command';

/** One command-palette entry per cached macro: "运行宏：<name>", found by name, pinyin initials, category or description. */
export function macroCatalog(t: TFunction, macros: readonly Macro[]): CatalogEntry[] {
  return macros.map((m) => {
    const command: Command = { type: 'macros', action: { do: 'run', macroId: m.id } };
    return {
      id: JSON.stringify(command),
      command,
      label: t('macros.run', { name: m.name }),
      group: t('commands.groups.conversation'),
      keys: [],
      keywords: [m.description, m.category ? t(`category.${m.category}`) : ''].join(' '),
    };
  });
}
