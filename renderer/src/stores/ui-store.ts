import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { isInboxView, type InboxView } from '../data';

/** Dialogs over the workspace; one at a time. */
export type Overlay = 'help' | 'palette' | 'assign' | 'status' | 'tags' | 'views' | 'proactive' | 'reports';

/** UI state only; data lives in Dexie. View and drafts survive a reload. */
export interface UiState {
  view: InboxView;
  /** The highlighted inbox row (j/k). */
  selectedId: string | null;
  /** The conversation shown in the thread pane (Enter). */
  openId: string | null;
  /** Ids of the inbox rows loaded now, in display order. */
  listIds: string[];
  /** Conversations ticked for a bulk action (x), in the order they were ticked. */
  checked: string[];
  overlay: Overlay | null;
  /** Local search text; while it is not empty the list shows search results. */
  searchQuery: string;
  /** Bumped to ask the search box to take focus. */
  searchFocus: number;
  /** Bumped to ask the reply box to take focus. */
  replyFocus: number;
  /** Bumped to ask the customer panel to fetch older history. */
  historyRequest: number;
  /** Unsent reply text by draft key (agent and conversation). */
  drafts: Record<string, string>;

  setView(view: InboxView): void;
  setListIds(ids: string[]): void;
  select(id: string | null): void;
  move(delta: number): void;
  /** Ticks the selected row and moves on (Shift+j/k). */
  extend(delta: number): void;
  toggleChecked(id: string): void;
  setChecked(ids: string[]): void;
  open(id: string | null): void;
  setOverlay(overlay: Overlay | null): void;
  setSearchQuery(query: string): void;
  focusSearch(): void;
  focusReply(): void;
  requestHistory(): void;
  setDraft(key: string, text: string): void;
}

export const draftKey = (agentId: string, conversationId: string) => `${agentId}/${conversationId}`;

type Persisted = Pick<UiState, 'view' | 'drafts'>;

export function createUiStore(storage: StateStorage) {
  return createStore<UiState>()(
    persist(
      (set, get) => ({
        // Everything open in the agent's scope: routing may hand a new ticket to a teammate.
        view: 'open',
        selectedId: null,
        openId: null,
        listIds: [],
        checked: [],
        overlay: null,
        searchQuery: '',
        searchFocus: 0,
        replyFocus: 0,
        historyRequest: 0,
        drafts: {},

        setView: (view) => set({ view, selectedId: null, checked: [], searchQuery: '' }),
        setListIds(ids) {
          const { listIds, selectedId } = get();
          if (selectedId === null || ids.includes(selectedId)) return set({ listIds: ids });
          // The selected row left the list (resolved, reassigned): select what took its place.
          const index = listIds.indexOf(selectedId);
          const next = index < 0 ? null : (ids[Math.min(index, ids.length - 1)] ?? null);
          set({ listIds: ids, selectedId: next });
        },
        select: (selectedId) => set({ selectedId }),
        move(delta) {
          const { listIds, selectedId } = get();
          if (listIds.length === 0) return;
          const index = selectedId === null ? -1 : listIds.indexOf(selectedId);
          const next = index < 0 ? 0 : Math.max(0, Math.min(listIds.length - 1, index + delta));
          set({ selectedId: listIds[next] ?? null });
        },
        extend(delta) {
          const { selectedId, checked } = get();
          if (selectedId && !checked.includes(selectedId)) set({ checked: [...checked, selectedId] });
          get().move(delta);
          const moved = get().selectedId;
          if (moved && !get().checked.includes(moved)) set({ checked: [...get().checked, moved] });
        },
        toggleChecked(id) {
          const { checked } = get();
          set({ checked: checked.includes(id) ? checked.filter((c) => c !== id) : [...checked, id] });
        },
        setChecked: (checked) => set({ checked }),
        open: (openId) => set(openId === null ? { openId } : { openId, selectedId: openId }),
        setOverlay: (overlay) => set({ overlay }),
        setSearchQuery: (searchQuery) => set({ searchQuery }),
        focusSearch: () => set((s) => ({ searchFocus: s.searchFocus + 1 })),
        focusReply: () => set((s) => ({ replyFocus: s.replyFocus + 1 })),
        requestHistory: () => set((s) => ({ historyRequest: s.historyRequest + 1 })),
        setDraft(key, text) {
          const drafts = { ...get().drafts };
          if (text === '') delete drafts[key];
          else drafts[key] = text;
          set({ drafts });
        },
      }),
      {
        name: 'kadesk.ui',
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (s): Persisted => ({ view: s.view, drafts: s.drafts }),
        // Views were renamed when they became facets ('resolved' is now 'status:resolved'); an unknown one falls back.
        migrate: (saved) => {
          const s = (saved ?? {}) as { view?: unknown; drafts?: Persisted['drafts'] };
          const view = s.view === 'resolved' ? 'status:resolved' : s.view;
          return { drafts: s.drafts ?? {}, view: isInboxView(view) ? view : 'open' };
        },
      },
    ),
  );
}
