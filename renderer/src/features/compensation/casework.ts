import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { CompensationKind } from '../../../../protocol';
import type { KadeskDb } from '../../data';
import { uiStore } from '../../stores/ui';
import { orderToLookUp } from '../suppliers/lookup-order';

// Casework on the open conversation: the supplier lookup of one of its customer's orders,
// and the dialogs for 先行赔付, disputes and security actions. Keys and the command palette
// reach them through `runCaseAction`.

export type CaseAction =
  | { do: 'supplier' }
  /** Look the order up and ask for the reissue confirmation. */
  | { do: 'reissue' }
  | { do: 'compensate'; kind: CompensationKind | null }
  | { do: 'dispute' }
  | { do: 'freeze' }
  | { do: 'transactions' };

export type CaseDialog =
  | { kind: 'compensate'; preset: CompensationKind | null }
  | { kind: 'dispute' }
  | { kind: 'freeze' }
  | { kind: 'transactions' };

interface CaseState {
  /** A dialog over the open conversation; a different conversation never shows it. */
  dialog: (CaseDialog & { conversationId: string }) | null;
  /**
   * The order whose supplier lookup shows (null: the customer has none); `nonce` changes to
   * look again, and `reissueAsk` to open the reissue confirmation (0: never asked).
   */
  lookup: { conversationId: string; orderId: string | null; nonce: number; reissueAsk: number } | null;
  showDialog(dialog: CaseDialog & { conversationId: string }): void;
  closeDialog(): void;
  lookUp(conversationId: string, orderId: string | null, askReissue?: boolean): void;
  closeLookup(): void;
}

export const caseStore = createStore<CaseState>()((set, get) => ({
  dialog: null,
  lookup: null,
  showDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  lookUp(conversationId, orderId, askReissue = false) {
    const nonce = (get().lookup?.nonce ?? 0) + 1;
    set({ lookup: { conversationId, orderId, nonce, reissueAsk: askReissue ? nonce : 0 } });
  },
  closeLookup: () => set({ lookup: null }),
}));

export function useCase<T>(selector: (state: CaseState) => T): T {
  return useStore(caseStore, selector);
}

/** Runs a casework command on the open conversation (or the selected one, which it then opens); nothing without one. */
export async function runCaseAction(action: CaseAction, db: KadeskDb): Promise<void> {
  const ui = uiStore.getState();
  const conversationId = ui.openId ?? ui.selectedId;
  if (!conversationId) return;
  if (!ui.openId) ui.open(conversationId);
  const store = caseStore.getState();
  switch (action.do) {
    case 'supplier':
    case 'reissue': {
      // The order already looked up on this conversation (one the agent clicked), else its own or the newest.
      const shown = store.lookup?.conversationId === conversationId ? store.lookup.orderId : null;
      return store.lookUp(conversationId, shown ?? (await orderToLookUp(db, conversationId)), action.do === 'reissue');
    }
    case 'compensate':
      return store.showDialog({ kind: 'compensate', preset: action.kind, conversationId });
    case 'dispute':
    case 'freeze':
    case 'transactions':
      return store.showDialog({ kind: action.do, conversationId });
  }
}
