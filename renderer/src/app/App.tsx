import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginScreen } from '../features/login/LoginScreen';
import { Workspace } from '../features/workspace/Workspace';
import { getBridge } from '../bridge';
import { restoreSession, signOut, type Session } from '../session/session';
import { uiStore } from '../stores/ui';

type Phase =
  | { name: 'starting' }
  | { name: 'signed-out'; notice: string | null }
  | { name: 'signed-in'; session: Session }
  | { name: 'failed'; message: string };

const bridge = getBridge();

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'starting' });

  const start = useCallback(() => {
    setPhase({ name: 'starting' });
    restoreSession(bridge, localStorage).then(
      (session) => setPhase(session ? { name: 'signed-in', session } : { name: 'signed-out', notice: null }),
      (err: unknown) => setPhase({ name: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  }, []);
  useEffect(start, [start]);

  const leave = useCallback(async (notice: string | null, endOnServer: boolean) => {
    if (endOnServer && phase.name === 'signed-in') await signOut(bridge, phase.session.serverUrl);
    else await bridge.setToken(null);
    uiStore.getState().open(null);
    setPhase({ name: 'signed-out', notice });
  }, [phase]);

  switch (phase.name) {
    case 'starting':
      return <p className="app-message">{t('app.loading')}</p>;
    case 'failed':
      return (
        <div className="app-message" role="alert">
          <p>{t('app.startFailed', { message: phase.message })}</p>
          <button type="button" onClick={start}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'signed-out':
      return (
        <LoginScreen
          bridge={bridge}
          notice={phase.notice}
          onSignedIn={(session) => setPhase({ name: 'signed-in', session })}
        />
      );
    case 'signed-in':
      return (
        <Workspace
          session={phase.session}
          bridge={bridge}
          onSignOut={() => void leave(null, true)}
          onUnauthorized={() => void leave(t('app.sessionExpired'), false)}
        />
      );
  }
}
