import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../protocol';

/** Marks a ticket opened by a group @mention (群@), which runs on a 10-minute follow-up target. */
export function GroupMentionChip({ conversation }: { conversation: Pick<Conversation, 'groupMention'> }) {
  const { t } = useTranslation();
  if (!conversation.groupMention) return null;
  return (
    <span className="chip priority-high" title={t('flags.groupMentionTitle')} data-testid="group-mention">
      {t('flags.groupMention')}
    </span>
  );
}
