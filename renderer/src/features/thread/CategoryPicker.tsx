import { useTranslation } from 'react-i18next';
import { CATEGORIES, Category, type Conversation } from '../../../../protocol';
import { useWorkstation } from '../workspace/workstation';

/**
 * The ticket's category, correctable in place: a correction is a mutation the server
 * learns from. The classifier's confidence shows in the tooltip.
 */
export function CategoryPicker({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const { engine } = useWorkstation();
  const confidence = conversation.categoryConfidence;
  return (
    <select
      className="chip thread-category"
      aria-label={t('thread.category')}
      title={confidence == null ? t('thread.category') : t('thread.confidence', { percent: Math.round(confidence * 100) })}
      value={conversation.category ?? ''}
      data-testid="thread-category"
      onChange={(e) => {
        const parsed = Category.safeParse(e.target.value);
        if (parsed.success) void engine.mutate({ name: 'conversation.setCategory', args: { conversationId: conversation.id, category: parsed.data } });
      }}
    >
      {conversation.category === null && <option value="">{t('thread.unclassified')}</option>}
      {CATEGORIES.map((c) => (
        <option key={c} value={c}>
          {t(`category.${c}`)}
        </option>
      ))}
    </select>
  );
}
