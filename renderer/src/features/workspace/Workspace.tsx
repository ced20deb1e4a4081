import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KadeskBridge } from '../../../../protocol';
import { unreadInMine } from '../../data';
import type { Session } from '../../session/session';
import { uiStore } from '../../stores/ui';
import { Overlays } from '../commands/Overlays';
import { runCommand, type CommandHost } from '../commands/run';
import { CaseDialogs } from '../compensation/CaseDialogs';
import { CustomerPanel } from '../customer/CustomerPanel';
import { DesktopBar } from '../desktop/DesktopBar';
import { useDesktopShell } from '../desktop/useDesktopShell';
import { InboxPane } from '../inbox/InboxPane';
import { MacroDialogs } from '../macros/MacroDialogs';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { ViewNav } from '../inbox/ViewNav';
import { SearchBox } from '../search/SearchBox';
import { PALETTE_KEYS } from '../shortcuts/keymap';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { StatusBar } from '../status-bar/StatusBar';
import { BoardButton, SupervisorBoard } from '../supervisor/SupervisorBoard';
import { useBoard } from '../supervisor/board-store';
import { ThreadPane } from '../thread/ThreadPane';
import { useWorkstation, useWorkstationSetup, WorkstationContext } from './workstation';
import './workspace.css';

interface Props {
  session: Session;
  bridge: KadeskBridge;
  onSignOut: () => void;
  onUnauthorized: () => void;
}

export function Workspace({ session, bridge, onSignOut, onUnauthorized }: Props) {
  const ws = useWorkstationSetup(session, bridge, onUnauthorized);
  // Server calls that are not synced data; one client per signed-in session.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: Infinity } } }));
  if (!ws) return null;
  return (
    <WorkstationContext.Provider value={ws}>
      <QueryClientProvider client={queryClient}>
        <WorkspaceLayout onSignOut={onSignOut} />
      </QueryClientProvider>
    </WorkstationContext.Provider>
  );
}

function WorkspaceLayout({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkstation();
  const host: CommandHost = { ws, signOut: onSignOut };
  useShortcuts((command) => runCommand(command, host));
  useUnreadBadge();
  useDesktopShell();
  const boardOpen = useBoard((s) => s.open);

  return (
    <div className="workspace">
      <header className="topbar">
        <span className="brand">Kadesk</span>
        <SearchBox />
        <span className="spacer" />
        <BoardButton />
        <button type="button" onClick={() => uiStore.getState().setOverlay('palette')} data-testid="palette-open">
          {t('palette.open')} <kbd>{PALETTE_KEYS}</kbd>
        </button>
        <button type="button" onClick={() => uiStore.getState().setOverlay('help')} data-testid="help-open">
          {t('shortcuts.open')} <kbd>?</kbd>
        </button>
        <span className="agent-name">{ws.agent.name}</span>
        <button type="button" onClick={onSignOut} data-testid="sign-out">
          {t('app.signOut')}
        </button>
      </header>
      <DesktopBar />
      {/* Hidden, not unmounted, under the board: the inbox keeps its place. */}
      <main className="panes" hidden={boardOpen}>
        <ViewNav />
        <InboxPane />
        <ThreadPane />
        <KnowledgePanel />
        <CustomerPanel />
      </main>
      {boardOpen && <SupervisorBoard />}
      <StatusBar />
      <Overlays host={host} />
      <CaseDialogs />
      <MacroDialogs />
    </div>
  );
}

/** Unread messages in the agent's own queue go to the dock/tray badge (or the tab title). */
function useUnreadBadge(): void {
  const { db, agent, bridge } = useWorkstation();
  const unread = useLiveQuery(() => unreadInMine(db, agent.id), [db, agent.id], 0);
  useEffect(() => {
    void bridge.setBadge(unread);
  }, [bridge, unread]);
  useEffect(() => () => void bridge.setBadge(0), [bridge]);
}
