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
export function CaseDialog({
  title,
  testId,
  children,
  onClose = closeCaseDialog,
}: {
  title: string;
  testId: string;
  children: ReactNode;
  /** Dialogs of other features (macros) close their own store. */
  onClose?: () => void;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select, button.primary, button')?.focus();
    // Focus can fall out of the dialog (a button disabled while it works): keys pressed then
    // are still the dialog's, Escape closes it and nothing reaches the inbox behind it.
    const outside = (e: KeyboardEvent) => {
      if (e.target instanceof Node && ref.current?.contains(e.target)) return;
      e.stopPropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', outside, true);
    return () => window.removeEventListener('keydown', outside, true);
  }, []);
  const close = onClose;
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
