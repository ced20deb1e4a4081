import i18next from 'i18next';
import { uiStore } from '../../stores/ui';
import type { Workstation } from '../workspace/workstation';
import { knowledgeStore } from './store';

/** What the keys and the palette do with the guidance panel. */
export type KnowledgeAction = 'checklist' | 'template' | 'toggle' | 'editor';

export function runKnowledge(action: KnowledgeAction, ws: Workstation): void {
  const ui = uiStore.getState();
  const k = knowledgeStore.getState();
  if (action === 'toggle') return k.toggle();
  if (action === 'editor') {
    if (ws.agent.role !== 'admin') return k.setNotice(i18next.t('knowledge.adminOnly'));
    return k.setEditorOpen(true);
  }
  // The rest work on the open conversation, or open the selected one first.
  const id = ui.openId ?? ui.selectedId;
  if (!id) return;
  if (!ui.openId) ui.open(id);
  k.want(action);
}
