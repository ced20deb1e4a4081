import type { ConversationSla } from '../../../../protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, nextDue } from './sla';

/** Re-renders once a second while a clock is running, so the countdown moves. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/**
 * The ticket's SLA as a chip: the server's state (warning and breach come from its clock)
 * with a countdown to the running clock that is due first.
 */
export function SlaBadge({ sla }: { sla: ConversationSla | null | undefined }) {
  const { t } = useTranslation();
  const due = sla ? nextDue(sla) : null;
  const now = useNow(due !== null);
  if (!sla) return null;
  const left = due ? due.dueAt - now : null;
  const label =
    due && left !== null
      ? t(left >= 0 ? 'sla.dueIn' : 'sla.overdue', { metric: t(`sla.metric.${due.metric}`), time: formatCountdown(left) })
      : t(`sla.state.${sla.state}`);
  return (
    <span className={`chip sla sla-${sla.state}`} data-testid="sla" data-state={sla.state} title={t(`sla.state.${sla.state}`)}>
      {label}
    </span>
  );
}
