import type { ParseKeys } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { uiStore } from '../../stores/ui';
import { runnableBy } from '../commands/access';
import { useViewer } from '../commands/viewer';
import { BINDINGS, keyLabel, PALETTE_KEYS } from './keymap';
import './shortcuts.css';

/** Keys that work inside fields too, listed with the single-key shortcuts. */
const ANYWHERE: ReadonlyArray<{ keys: string[]; label: ParseKeys }> = [
  { keys: [PALETTE_KEYS], label: 'commands.palette' },
  { keys: ['Ctrl/⌘+Enter'], label: 'commands.send' },
  { keys: ['Esc'], label: 'commands.leave' },
];

export function ShortcutHelp() {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const viewer = useViewer();
  const close = () => uiStore.getState().setOverlay(null);
  // Only the keys of what the signed-in role may do.
  const rows = [...runnableBy(BINDINGS, viewer).map((b) => ({ keys: b.keys.map(keyLabel), label: b.label })), ...ANYWHERE];

  return (
    <div className="overlay" onClick={close}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        onClick={(e) => e.stopPropagation()}
        data-testid="shortcut-help"
      >
        <h2 id="shortcut-help-title">{t('shortcuts.title')}</h2>
        <dl className="shortcut-list">
          {rows.map(({ keys, label }) => (
            <div key={label}>
              <dt>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeRef} onClick={close}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
