import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

interface KnowledgeUiState {
  /** The SOP panel beside the conversation; shown unless the agent hid it. */
  visible: boolean;
  editorOpen: boolean;
  /** Bumped to ask the panel to move focus to the checklist. */
  checklistFocus: number;
  /** Bumped to ask the panel to put the answer template into the reply box. */
  templateRequest: number;
  /** A short message for the agent (e.g. why a command did nothing). */
  notice: string | null;
  toggle(): void;
  focusChecklist(): void;
  requestTemplate(): void;
  setEditorOpen(open: boolean): void;
  setNotice(notice: string | null): void;
}

const VISIBLE_KEY = 'kadesk.knowledge.visible';

export const knowledgeStore = createStore<KnowledgeUiState>()((set, get) => ({
  visible: globalThis.localStorage?.getItem(VISIBLE_KEY) !== '0',
  editorOpen: false,
  checklistFocus: 0,
  templateRequest: 0,
  notice: null,
  toggle() {
    const visible = !get().visible;
    globalThis.localStorage?.setItem(VISIBLE_KEY, visible ? '1' : '0');
    set({ visible });
  },
  focusChecklist() {
    if (!get().visible) get().toggle();
    set({ checklistFocus: get().checklistFocus + 1 });
  },
  requestTemplate: () => set({ templateRequest: get().templateRequest + 1 }),
  setEditorOpen: (editorOpen) => set({ editorOpen }),
  setNotice: (notice) => set({ notice }),
}));

export function useKnowledgeUi<T>(selector: (s: KnowledgeUiState) => T): T {
  return useStore(knowledgeStore, selector);
}
