import type { ConversationAction, InboxView } from '../../data';
import type { Language } from '../../i18n';
import type { DesktopAction } from '../desktop/desktop-store';
import type { Overlay } from '../../stores/ui-store';
import type { CaseAction } from '../compensation/casework';
import type { MacroCommand } from '../macros/macro-store';
import type { KnowledgeAction } from '../knowledge/commands';

/** Everything the agent can do in the workspace: from a key, the command palette or a button. */
export type Command =
  | { type: 'next' }
  | { type: 'prev' }
  /** Tick the selected row and move (Shift+j/k). */
  | { type: 'extendNext' }
  | { type: 'extendPrev' }
  | { type: 'open' }
  | { type: 'leave' }
  | { type: 'reply' }
  /** On the ticked conversations, or else the open (or selected) one. */
  | { type: 'act'; action: ConversationAction }
  | { type: 'assignToMe' }
  | { type: 'toggleChecked' }
  | { type: 'checkAll' }
  | { type: 'clearChecked' }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'search' }
  | { type: 'view'; view: InboxView }
  | { type: 'olderHistory' }
  /** Supplier lookup, compensation, disputes and security actions on the open conversation. */
  | { type: 'case'; action: CaseAction }
  /** Macros: the picker or one macro's preview on the open conversation, or the editor. */
  | { type: 'macros'; action: MacroCommand }
  /** The SOP and knowledge panel beside the conversation, and its editor. */
  | { type: 'knowledge'; action: KnowledgeAction }
  /** The supervisor board in place of the inbox (supervisors and admins). */
  | { type: 'supervisor' }
  /** Updates and notification permission (the desktop shell). */
  | { type: 'desktop'; action: DesktopAction }
  | { type: 'language'; language: Language }
  | { type: 'signOut' };
