import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Picker } from '../commands/Picker';
import { useWorkstation } from '../workspace/workstation';
import { closeMacroDialog, macroStore } from './macro-store';
import { sortForCategory } from './suggest';

/** Fuzzy-finds a macro (name, pinyin initials, category, description); the ticket's category's macros come first. */
export function MacroPicker({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  // The cache is kept fresh by keepMacrosFresh (start, reconnect, the server's change notices).
  const { db } = useWorkstation();
  const macros = useLiveQuery(() => db.macros.toArray(), [db], []);
  const category = useLiveQuery(async () => (await db.conversations.get(conversationId))?.category ?? null, [db, conversationId], null);
  const items = useMemo(
    () =>
      sortForCategory(macros, category).map((m) => ({
        id: m.id,
        label: m.name,
        detail: [m.category === category && category !== null ? t('macros.suggested') : null, t(`macros.scope.${m.scope}`), m.category ? t(`category.${m.category}`) : null]
          .filter(Boolean)
          .join(' · '),
        keywords: `${m.description} ${m.category ?? ''}`,
      })),
    [macros, category, t],
  );
  return (
    // Escape closes the picker here: the workspace's Escape only knows the dialogs of the UI store.
    <div
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        closeMacroDialog();
      }}
    >
      <Picker
        title={t('macros.pickerTitle')}
        placeholder={macros.length === 0 ? t('macros.noMacros') : t('macros.pickerPlaceholder')}
        items={items}
        testId="macro-picker"
        onClose={closeMacroDialog}
        onPick={(macroId) => macroStore.getState().show({ kind: 'preview', conversationId, macroId })}
      />
    </div>
  );
}
