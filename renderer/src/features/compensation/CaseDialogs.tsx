import { useEffect } from 'react';
import { useUi } from '../../stores/ui';
import { DisputeDialog } from '../disputes/DisputeDialog';
import { FreezeDialog, TransactionsDialog } from '../security/SecurityDialogs';
import { caseStore, useCase } from './casework';
import { CompensationDialog } from './CompensationDialog';

/** The casework dialog open now, if it belongs to the open conversation. */
export function CaseDialogs() {
  const dialog = useCase((s) => s.dialog);
  const openId = useUi((s) => s.openId);
  const stray = dialog !== null && dialog.conversationId !== openId;
  // Opening another conversation ends the dialog rather than leaving it to reappear later.
  useEffect(() => {
    if (stray) caseStore.getState().closeDialog();
  }, [stray]);
  if (!dialog || stray) return null;
  const { conversationId } = dialog;
  switch (dialog.kind) {
    case 'compensate':
      return <CompensationDialog key={`${conversationId}:${dialog.preset}`} conversationId={conversationId} preset={dialog.preset} />;
    case 'dispute':
      return <DisputeDialog key={conversationId} conversationId={conversationId} />;
    case 'freeze':
      return <FreezeDialog key={conversationId} conversationId={conversationId} />;
    case 'transactions':
      return <TransactionsDialog key={conversationId} conversationId={conversationId} />;
  }
}
