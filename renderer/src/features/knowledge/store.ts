import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

interface KnowledgeUiState {
  /** The SOP panel beside the conversation; shown unless the agent hid it. */
  visible: boolean;
  editorOpen: boolean;
  /**
   * What a key asked the panel to do; the panel does it once it has the SOP (it may have to
   * show first) and clears it, also when the conversation has no SOP.
   */
  wanted: 'checklist' | 'template' | null;
  /** A short message for the agent (e.g. why a command did nothing). */
  notice: string | null;
  toggle(): void;
  want(what: 'checklist' | 'template'): void;
  done(): void;
  setEditorOpen(open: boolean): void;
  setNotice(notice: string | null): void;
}

const VISIBLE_KEY = 'kadesk.knowledge.visible';

export const knowledgeStore = createStore<KnowledgeUiState>()((set, get) => ({
  visible: globalThis.localStorage?.getItem(VISIBLE_KEY) !== '0',
  editorOpen: false,
  wanted: null,
  notice: null,
  toggle() {
    const visible = !get().visible;
    globalThis.localStorage?.setItem(VISIBLE_KEY, visible ? '1' : '0');
    set({ visible });
  },
  want(wanted) {
    if (!get().visible) get().toggle();
    set({ wanted });
  },
  done: () => set({ wanted: null }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
  setNotice: (notice) => set({ notice }),
}));

export function useKnowledgeUi<T>(selector: (s: KnowledgeUiState) => T): T {
  return useStore(knowledgeStore, selector);
}
