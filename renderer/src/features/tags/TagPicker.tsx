import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Picker, type PickerItem } from '../commands/Picker';
import { act } from '../commands/run';
import { useWorkstation } from '../workspace/workstation';
import { optionId, optionOf, tagOptions, tagsByUse, typedTag } from './tag-options';

/** Open tickets read for tag suggestions: recent enough to reflect what the team tags with now. */
const SUGGESTION_ROWS = 500;

/**
 * `l`: put a tag on the ticked tickets (or the open one), or take one off. Typing offers a
 * new tag; the tags the targets share come first, to take off; then those in use on recent
 * open tickets and in macros. Works offline like any ticket change.
 */
export function TagPicker({ targetIds, onClose }: { targetIds: readonly string[]; onClose(): void }) {
  const { t } = useTranslation();
  const ws = useWorkstation();
  const { db } = ws;
  const targets = useLiveQuery(() => db.conversations.bulkGet([...targetIds]), [db, targetIds], []);
  const suggested = useLiveQuery(
    async () => {
      const recent = await db.conversations.where('[active+lastMessageAt]').between([1, ''], [1, '\uffff']).reverse().limit(SUGGESTION_ROWS).toArray();
      const macros = await db.macros.toArray();
      const inMacros = macros.flatMap((m) => m.actions.flatMap((a) => (a.type === 'tag' ? [a.tag] : [])));
      return [...tagsByUse(recent), ...inMacros];
    },
    [db],
    [],
  );
  const options = useMemo(() => tagOptions(targets.map((c) => c?.tags), suggested), [targets, suggested]);
  const items = useMemo<PickerItem[]>(
    () => options.map((o) => ({ id: optionId(o), label: o.tag, detail: t(o.op === 'remove' ? 'tags.remove' : 'tags.add') })),
    [options, t],
  );
  const fromQuery = useCallback(
    (query: string): PickerItem | null => {
      const tag = typedTag(query, options);
      return tag === null ? null : { id: optionId({ op: 'add', tag }), label: tag, detail: t('tags.create') };
    },
    [options, t],
  );
  return (
    <Picker
      title={targetIds.length > 1 ? t('tags.titleBulk', { count: targetIds.length }) : t('tags.title')}
      placeholder={t('tags.placeholder')}
      items={items}
      fromQuery={fromQuery}
      testId="tag-picker"
      onClose={onClose}
      onPick={(id) => {
        const option = optionOf(id);
        onClose();
        if (option) void act(ws, { type: option.op === 'add' ? 'tag' : 'untag', tag: option.tag });
      }}
    />
  );
}
