import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { KadeskDb } from '../../data';
import { uiStore } from '../../stores/ui';

// Which macro dialog is open: the picker or a macro's preview over the open conversation,
// or the editor. Keys and the command palette reach them through `runMacroCommand`.

export type MacroCommand = { do: 'pick' } | { do: 'run'; macroId: string } | { do: 'edit' };

export type MacroDialog = { kind: 'pick'; conversationId: string } | { kind: 'preview'; conversationId: string; macroId: string } | { kind: 'edit' };

interface MacroState {
  dialog: MacroDialog | null;
  show(dialog: MacroDialog): void;
  close(): void;
}

export const macroStore = createStore<MacroState>()((set) => ({
  dialog: null,
  show: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));

export function useMacros<T>(selector: (state: MacroState) => T): T {
  return useStore(macroStore, selector);
}

export function closeMacroDialog(): void {
  macroStore.getState().close();
  document.querySelector<HTMLElement>('.inbox')?.focus({ preventScroll: true });
}

/** Picker and preview work on the open conversation (or the selected one, which they open); nothing without one. */
export async function runMacroCommand(command: MacroCommand, db: KadeskDb): Promise<void> {
  const store = macroStore.getState();
  if (command.do === 'edit') return store.show({ kind: 'edit' });
  const ui = uiStore.getState();
  const conversationId = ui.openId ?? ui.selectedId;
  if (!conversationId || !(await db.conversations.get(conversationId))) return;
  if (!ui.openId) ui.open(conversationId);
  store.show(command.do === 'pick' ? { kind: 'pick', conversationId } : { kind: 'preview', conversationId, macroId: command.macroId });
}
