import { mutationsFor, type ConversationAction } from '../../data';
import { setLanguage } from '../../i18n';
import { uiStore } from '../../stores/ui';
import { runCaseAction } from '../compensation/casework';
import { runMacroCommand } from '../macros/macro-store';
import { runKnowledge } from '../knowledge/commands';
import { boardStore } from '../supervisor/board-store';
import type { Workstation } from '../workspace/workstation';
import { runDesktopAction } from '../desktop/desktop-store';
import type { Command } from './command';

export interface CommandHost {
  ws: Workstation;
  signOut(): void;
}

const inboxElement = () => document.querySelector<HTMLElement>('.inbox');

export function focusInbox(): void {
  inboxElement()?.focus({ preventScroll: true });
}

/** The ticked conversations, or else the open one, or else the selected one. */
export function targetIds(): string[] {
  const ui = uiStore.getState();
  if (ui.checked.length > 0) return ui.checked;
  const id = ui.openId ?? ui.selectedId;
  return id ? [id] : [];
}

/** Applies an action to the targets through the sync engine; a bulk action then clears the ticks. */
export async function act({ db, engine }: Workstation, action: ConversationAction): Promise<void> {
  const ui = uiStore.getState();
  const bulk = ui.checked.length > 0;
  const rows = (await db.conversations.bulkGet(targetIds())).filter((c) => c !== undefined);
  await engine.mutateAll(mutationsFor(action, rows));
  if (bulk) ui.setChecked([]);
}

/** Escape steps back one level: a dialog, the focused field, the ticks, then the open conversation. */
function leave(): void {
  const ui = uiStore.getState();
  if (ui.overlay) return ui.setOverlay(null);
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && active !== inboxElement()) active.blur();
  else if (ui.checked.length > 0) ui.setChecked([]);
  else if (ui.openId) ui.open(null);
  focusInbox();
}

export function runCommand(command: Command, host: CommandHost): void {
  const ui = uiStore.getState();
  const { ws } = host;
  switch (command.type) {
    case 'next':
    case 'prev':
      // Moving through the list brings focus there, so Enter then opens rather than pressing a button.
      ui.move(command.type === 'next' ? 1 : -1);
      return focusInbox();
    case 'extendNext':
    case 'extendPrev':
      ui.extend(command.type === 'extendNext' ? 1 : -1);
      return focusInbox();
    case 'open':
      if (ui.selectedId) ui.open(ui.selectedId);
      return;
    case 'reply':
      if (!ui.openId && ui.selectedId) ui.open(ui.selectedId);
      if (uiStore.getState().openId) ui.focusReply();
      return;
    case 'leave':
      return leave();
    case 'act':
      void act(ws, command.action);
      return;
    case 'assignToMe':
      void act(ws, { type: 'assign', assigneeId: ws.agent.id });
      return;
    case 'toggleChecked':
      if (ui.selectedId) ui.toggleChecked(ui.selectedId);
      return;
    case 'checkAll':
      return ui.setChecked(ui.listIds);
    case 'clearChecked':
      return ui.setChecked([]);
    case 'overlay':
      return ui.setOverlay(ui.overlay === command.overlay ? null : command.overlay);
    case 'search':
      return ui.focusSearch();
    case 'view':
      ui.setView(command.view);
      return focusInbox();
    case 'olderHistory':
      return ui.requestHistory();
    case 'case':
      void runCaseAction(command.action, ws.db);
      return;
    case 'macros':
      void runMacroCommand(command.action, ws.db);
      return;
    case 'knowledge':
      return runKnowledge(command.action, ws);
    case 'supervisor':
      return boardStore.getState().toggle();
    case 'desktop':
      void runDesktopAction(command.action, ws.bridge).catch(() => {});
      return;
    case 'language':
      void setLanguage(command.language);
      return;
    case 'signOut':
      return host.signOut();
  }
}
