import { useEffect, useId, useRef, type ReactNode } from 'react';
import { caseStore } from './casework';

/** Closes the casework dialog and gives focus back to the inbox, as Escape does for the other dialogs. */
export function closeCaseDialog(): void {
  caseStore.getState().closeDialog();
  document.querySelector<HTMLElement>('.inbox')?.focus({ preventScroll: true });
}

/**
 * A modal dialog for casework. Keys typed in it stay in it (no inbox shortcuts fire);
 * Escape closes it and gives focus back to the inbox.
 */
export function CaseDialog({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button.primary, button')?.focus();
  }, []);
  const close = closeCaseDialog;
  return (
    <div className="overlay" onClick={close}>
      <div
        ref={ref}
        className="dialog case-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          }
          // The workspace's shortcuts listen on the window; keys typed here are not for them.
          e.stopPropagation();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
