import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../../../protocol';
import { ALL_VIEWS, type InboxView } from '../../data';
import { LANGUAGES } from '../../i18n';
import { uiStore, useUi } from '../../stores/ui';
import { ProactiveDialog } from '../proactive/ProactiveDialog';
import { ReportsScreen } from '../reports/ReportsScreen';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp';
import { TagPicker } from '../tags/TagPicker';
import { macroCatalog } from '../macros/palette';
import { useWorkstation } from '../workspace/workstation';
import { labelText, viewLabel } from '../inbox/view-names';
import { runnableBy } from './access';
import { commandCatalog } from './catalog';
import { Picker } from './Picker';
import { RefusedNotice } from './refused';
import { act, focusInbox, runCommand, targetIds, type CommandHost } from './run';
import { useViewer } from './viewer';

const close = () => {
  uiStore.getState().setOverlay(null);
  focusInbox();
};

/** The dialog open now, if any, and the notice of a refused command. */
export function Overlays({ host }: { host: CommandHost }) {
  return (
    <>
      <OpenOverlay host={host} />
      <RefusedNotice />
    </>
  );
}

/** Help, the command palette, a chooser for assign, status or view, or a workspace screen. */
function OpenOverlay({ host }: { host: CommandHost }) {
  switch (useUi((s) => s.overlay)) {
    case 'help':
      return <ShortcutHelp />;
    case 'palette':
      return <CommandPalette host={host} />;
    case 'assign':
      return <AssignPicker />;
    case 'status':
      return <StatusPicker />;
    case 'tags':
      return <TagOverlay />;
    case 'views':
      return <ViewPicker />;
    case 'proactive':
      return <ProactiveDialog />;
    case 'reports':
      return <ReportsScreen />;
    case null:
      return null;
  }
}

function CommandPalette({ host }: { host: CommandHost }) {
  const { t, i18n } = useTranslation();
  const { db } = useWorkstation();
  const macros = useLiveQuery(() => db.macros.toArray(), [db], []);
  const viewer = useViewer();
  const entries = useMemo(() => {
    const other = LANGUAGES.find((l) => l !== i18n.language) ?? 'en';
    return runnableBy([...commandCatalog(t, i18n.getFixedT(other)), ...macroCatalog(t, macros)], viewer);
  }, [t, i18n, macros, viewer]);
  const items = useMemo(() => entries.map((e) => ({ id: e.id, label: e.label, detail: e.group, keys: e.keys, keywords: e.keywords })), [entries]);
  return (
    <Picker
      title={t('palette.title')}
      placeholder={t('palette.placeholder')}
      items={items}
      testId="palette"
      onClose={close}
      onPick={(id) => {
        const entry = entries.find((e) => e.id === id);
        close();
        if (entry) runCommand(entry.command, host);
      }}
    />
  );
}

function AssignPicker() {
  const { t } = useTranslation();
  const ws = useWorkstation();
  const agents = useLiveQuery(() => ws.db.agents.toArray(), [ws.db], []);
  const items = useMemo(() => {
    // Teammates first: a ticket usually stays in its team.
    const mate = (teamIds: string[]) => teamIds.some((id) => ws.agent.teamIds.includes(id));
    const others = agents
      .filter((a) => a.id !== ws.agent.id && a.deletedAt === null)
      .sort((a, b) => Number(mate(b.teamIds)) - Number(mate(a.teamIds)) || a.name.localeCompare(b.name, 'zh-CN'));
    return [
      { id: ws.agent.id, label: t('assign.me', { name: ws.agent.name }) },
      ...others.map((a) => ({ id: a.id, label: a.name, detail: t(`agentStatus.${a.status}`), keywords: a.login })),
      { id: '', label: t('commands.unassign') },
    ];
  }, [agents, ws.agent, t]);
  return (
    <Picker
      title={t('assign.title')}
      placeholder={t('assign.placeholder')}
      items={items}
      testId="assign-picker"
      onClose={close}
      onPick={(id) => {
        close();
        void act(ws, { type: 'assign', assigneeId: id === '' ? null : id });
      }}
    />
  );
}

/** Waiting states first: parking a ticket on the customer or the supplier is what `s` is for. */
const STATUS_ORDER: readonly ConversationStatus[] = [
  'waiting_customer',
  'waiting_supplier',
  ...CONVERSATION_STATUSES.filter((s) => !s.startsWith('waiting_')),
];

function StatusPicker() {
  const { t } = useTranslation();
  const ws = useWorkstation();
  const items = useMemo(() => STATUS_ORDER.map((s) => ({ id: s, label: t(`status.${s}`), keywords: s })), [t]);
  return (
    <Picker
      title={t('statusPicker.title')}
      placeholder={t('statusPicker.placeholder')}
      items={items}
      testId="status-picker"
      onClose={close}
      onPick={(id) => {
        close();
        void act(ws, { type: 'setStatus', status: id as ConversationStatus });
      }}
    />
  );
}

function TagOverlay() {
  // The targets when the chooser opened; ticking more while it is open does not apply.
  const [ids] = useState(targetIds);
  return <TagPicker targetIds={ids} onClose={close} />;
}

function ViewPicker() {
  const { t } = useTranslation();
  const items = useMemo(() => ALL_VIEWS.map((v) => ({ id: v, label: labelText(t, viewLabel(v)), keywords: v })), [t]);
  return (
    <Picker
      title={t('viewPicker.title')}
      placeholder={t('viewPicker.placeholder')}
      items={items}
      testId="view-picker"
      onClose={close}
      onPick={(id) => {
        close();
        uiStore.getState().setView(id as InboxView);
      }}
    />
  );
}
