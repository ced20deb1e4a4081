import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** The two lists a supervisor moves through on the board. */
export type BoardZone = 'tickets' | 'agents';

/** A dialog of the board itself, kept apart from the workspace overlays so those still open over it. */
export type BoardDialog =
  | { type: 'reassign'; conversationId: string }
  | { type: 'agentStatus'; agentId: string }
  | { type: 'capacity'; agentId: string };

export interface BoardState {
  open: boolean;
  zone: BoardZone;
  /** Highlighted row per list, by id, so a live update that reorders the list keeps it. */
  ticketId: string | null;
  agentId: string | null;
  dialog: BoardDialog | null;
  /** The outcome of the last action, shown in the board's status line. */
  notice: { text: string; error: boolean } | null;

  toggle(): void;
  close(): void;
  setZone(zone: BoardZone): void;
  select(zone: BoardZone, id: string | null): void;
  setDialog(dialog: BoardDialog | null): void;
  setNotice(text: string, error?: boolean): void;
}

export function createBoardStore() {
  return createStore<BoardState>()((set) => ({
    open: false,
    zone: 'tickets',
    ticketId: null,
    agentId: null,
    dialog: null,
    notice: null,
    toggle: () => set((s) => ({ open: !s.open, dialog: null, notice: null })),
    close: () => set({ open: false, dialog: null, notice: null }),
    setZone: (zone) => set({ zone }),
    select: (zone, id) => set(zone === 'tickets' ? { zone, ticketId: id } : { zone, agentId: id }),
    setDialog: (dialog) => set({ dialog }),
    setNotice: (text, error = false) => set({ notice: { text, error } }),
  }));
}

/** The workspace's one board state. */
export const boardStore = createBoardStore();

export function useBoard<T>(selector: (state: BoardState) => T): T {
  return useStore(boardStore, selector);
}

/** The id `delta` rows away from `current` in `ids`, staying within the list; the first row when nothing is highlighted. */
export function step(ids: readonly string[], current: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at < 0) return ids[0]!;
  return ids[Math.max(0, Math.min(ids.length - 1, at + delta))]!;
}
