import type { ParseKeys } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import './commands.css';

/** How long the notice stays: long enough to read one sentence. */
const SHOWN_MS = 5000;

interface RefusedState {
  /** The last refused command's notice; a new object each time, so a repeated refusal shows for the full time again. */
  refused: { notice: ParseKeys } | null;
  refuse(notice: ParseKeys): void;
  dismiss(): void;
}

export const refusedStore = createStore<RefusedState>()((set) => ({
  refused: null,
  refuse: (notice) => set({ refused: { notice } }),
  dismiss: () => set({ refused: null }),
}));

/** A short notice in place of a command the signed-in role may not run (its key was pressed). */
export function RefusedNotice() {
  const { t } = useTranslation();
  const refused = useStore(refusedStore, (s) => s.refused);
  useEffect(() => {
    if (!refused) return;
    const timer = setTimeout(() => refusedStore.getState().dismiss(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refused]);
  // Whoever signs in next does not see the last one's notice.
  useEffect(() => () => refusedStore.getState().dismiss(), []);
  // The live region stays in place so that screen readers announce what appears in it.
  return (
    <div role="status">
      {refused && (
        <p className="notice command-refused" data-testid="command-refused">
          {t(refused.notice)}
        </p>
      )}
    </div>
  );
}
