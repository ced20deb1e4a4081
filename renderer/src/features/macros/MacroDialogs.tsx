import { useEffect } from 'react';
import { useUi } from '../../stores/ui';
import { useWorkstation } from '../workspace/workstation';
import { keepMacrosFresh } from './cache';
import { MacroEditor } from './MacroEditor';
import { MacroPicker } from './MacroPicker';
import { MacroPreview } from './MacroPreview';
import { useMacros } from './macro-store';
import './macros.css';

/** Keeps the macro cache fresh for the session and shows the macro dialog open now (picker and preview only over their conversation). */
export function MacroDialogs() {
  const { db, api, engine } = useWorkstation();
  useEffect(() => keepMacrosFresh(db, api, engine), [db, api, engine]);
  const dialog = useMacros((s) => s.dialog);
  const openId = useUi((s) => s.openId);
  if (!dialog) return null;
  if (dialog.kind === 'edit') return <MacroEditor />;
  if (dialog.conversationId !== openId) return null;
  return dialog.kind === 'pick' ? (
    <MacroPicker key={dialog.conversationId} conversationId={dialog.conversationId} />
  ) : (
    <MacroPreview key={`${dialog.conversationId}:${dialog.macroId}`} conversationId={dialog.conversationId} macroId={dialog.macroId} />
  );
}
