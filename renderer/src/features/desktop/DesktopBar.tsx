import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { UpdateStatus } from '../../../../protocol';
import { useWorkstation } from '../workspace/workstation';
import { desktopStore, runDesktopAction, type DesktopAction, type DesktopState } from './desktop-store';
import './desktop.css';

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function dismiss(key: keyof DesktopState['dismissed']): void {
  desktopStore.setState((s) => ({ dismissed: { ...s.dismissed, [key]: true }, manualCheck: key === 'update' ? false : s.manualCheck }));
}

/** Whether the update banner has anything to say about this state. */
function updateShown(update: UpdateStatus, manualCheck: boolean): boolean {
  if (update.phase === 'checking' || update.phase === 'up-to-date' || update.phase === 'disabled') return manualCheck;
  return update.phase !== 'idle';
}

/** Update progress, notification permission and shortcut problems, above the panes. */
export function DesktopBar() {
  const { t } = useTranslation();
  const { bridge } = useWorkstation();
  const state = useStore(desktopStore);
  const run = (action: DesktopAction) => void runDesktopAction(action, bridge).catch(() => {});
  const { update, access, shortcut, dismissed } = state;

  const banners = [];
  if (!dismissed.update && updateShown(update, state.manualCheck)) {
    banners.push(<UpdateBanner key="update" update={update} run={run} />);
  }
  if (!dismissed.notifications && (access === 'prompt' || access === 'denied')) {
    banners.push(
      <div key="notifications" className="desktop-banner" role="status" data-testid="desktop-notifications">
        <span>{t(access === 'prompt' ? 'desktop.notifications.prompt' : 'desktop.notifications.denied')}</span>
        {access === 'prompt' && (
          <button type="button" onClick={() => run('enableNotifications')} data-testid="notifications-enable">
            {t('desktop.notifications.enable')}
          </button>
        )}
        <DismissButton onClick={() => dismiss('notifications')} />
      </div>,
    );
  }
  if (!dismissed.shortcut && shortcut?.failure && shortcut.accelerator) {
    banners.push(
      <div key="shortcut" className="desktop-banner desktop-banner-warn" role="status" data-testid="desktop-shortcut">
        <span>{t(`desktop.shortcut.${shortcut.failure}`, { accelerator: shortcut.accelerator })}</span>
        <DismissButton onClick={() => dismiss('shortcut')} />
      </div>,
    );
  }
  if (banners.length === 0) return null;
  return <div className="desktop-bar">{banners}</div>;
}

function DismissButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="desktop-dismiss" onClick={onClick} aria-label={t('desktop.dismiss')} title={t('desktop.dismiss')}>
      ×
    </button>
  );
}

function UpdateBanner({ update, run }: { update: UpdateStatus; run: (action: DesktopAction) => void }) {
  const { t } = useTranslation();
  const content = (() => {
    switch (update.phase) {
      case 'disabled':
        return <span>{t('desktop.update.disabled')}</span>;
      case 'checking':
        return <span>{t('desktop.update.checking')}</span>;
      case 'up-to-date':
        return <span>{t('desktop.update.upToDate')}</span>;
      case 'available':
        return (
          <>
            <span>{t('desktop.update.available', { version: update.version })}</span>
            <button type="button" className="primary" onClick={() => run('downloadUpdate')} data-testid="update-download">
              {t('desktop.update.download')}
            </button>
          </>
        );
      case 'downloading': {
        const percent = Math.floor(update.percent);
        return (
          <>
            <span>
              {t('desktop.update.downloading', {
                version: update.version,
                percent,
                done: megabytes(update.transferred),
                total: megabytes(update.total),
              })}
            </span>
            <progress max={100} value={percent} data-testid="update-progress" />
          </>
        );
      }
      case 'ready':
        return (
          <>
            <span>{t('desktop.update.ready', { version: update.version })}</span>
            <button type="button" className="primary" onClick={() => run('installUpdate')} data-testid="update-install">
              {t('desktop.update.install')}
            </button>
          </>
        );
      case 'error':
        return (
          <>
            <span>{t(`desktop.update.${update.during}Failed`, { message: update.message })}</span>
            {update.during !== 'install' && (
              <button type="button" onClick={() => run('checkUpdate')} data-testid="update-retry">
                {t('desktop.update.retry')}
              </button>
            )}
          </>
        );
      default:
        return null;
    }
  })();
  const failed = update.phase === 'error';
  return (
    <div
      className={`desktop-banner${failed ? ' desktop-banner-error' : ''}`}
      role={failed ? 'alert' : 'status'}
      data-testid="desktop-update"
      data-phase={update.phase}
    >
      {content}
      {update.phase !== 'downloading' && <DismissButton onClick={() => dismiss('update')} />}
    </div>
  );
}
