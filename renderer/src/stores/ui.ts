import { useStore } from 'zustand';
import { createUiStore, type UiState } from './ui-store';

export { draftKey } from './ui-store';

/** The app's one UI store; tests build their own with `createUiStore`. */
export const uiStore = createUiStore(localStorage);

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
