import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../app/format';
import type { InboxRow } from '../../data';
import { GroupMentionChip } from '../flags/GroupMentionChip';
import { TagList } from '../tags/TagList';
import { ChannelIcon } from './ChannelIcon';
import { sameItem } from './item-props';
import { SlaBadge } from './SlaBadge';

interface Props {
  row: InboxRow;
  /** Offset from the virtualizer; applied through CSSOM, which a strict CSP allows. */
  top: number;
  selected: boolean;
  open: boolean;
  /** Ticked for a bulk action. */
  checked: boolean;
  /** Acts on this row only: a new handler alone does not re-render the row (see sameItem). */
  onOpen: (e: MouseEvent) => void;
}

export const InboxItem = memo(function InboxItem({ row, top, selected, open, checked, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const c = row.conversation;
  const classes = ['inbox-item', selected && 'is-selected', open && 'is-open', checked && 'is-checked', c.unreadCount > 0 && 'is-unread'];
  return (
    <div
      id={`inbox-item-${c.id}`}
      className={classes.filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)` }}
      role="option"
      aria-selected={selected}
      data-testid="inbox-item"
      data-conversation-id={c.id}
      data-checked={checked}
      onClick={onOpen}
    >
      <div className="inbox-item-line">
        <ChannelIcon channel={c.channel} />
        <span className="inbox-item-customer">{row.customerName ?? t('inbox.unknownCustomer')}</span>
        <time className="inbox-item-time" dateTime={c.lastMessageAt}>
          {formatTime(c.lastMessageAt, i18n.language)}
        </time>
      </div>
      <div className="inbox-item-subject">{c.subject}</div>
      <div className="inbox-item-line">
        <span className="inbox-item-preview">{c.lastMessagePreview}</span>
        {c.repeat && (
          <span className="chip repeat" title={t('repeat.title')} data-testid="repeat">
            {t('repeat.flag')}
          </span>
        )}
        <GroupMentionChip conversation={c} />
        <TagList tags={c.tags} />
        {c.category && <span className="chip">{t(`category.${c.category}`)}</span>}
        {c.status !== 'resolved' && <SlaBadge sla={c.sla} />}
        {(c.priority === 'high' || c.priority === 'urgent') && (
          <span className={`chip priority-${c.priority}`}>{t(`priority.${c.priority}`)}</span>
        )}
        <span className={`chip status-${c.status}`}>{t(`status.${c.status}`)}</span>
        {c.unreadCount > 0 && (
          <span className="unread" title={t('inbox.unread', { count: c.unreadCount })}>
            {c.unreadCount}
          </span>
        )}
      </div>
    </div>
  );
}, sameItem);
