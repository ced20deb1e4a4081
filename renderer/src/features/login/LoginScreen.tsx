import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KadeskBridge } from '../../../../protocol';
import { ApiRequestError } from '../../data';
import { signIn, type Session } from '../../session/session';
import './login.css';

interface Props {
  bridge: KadeskBridge;
  /** Why the agent is here again, e.g. an expired session. */
  notice: string | null;
  onSignedIn: (session: Session) => void;
}

export function LoginScreen({ bridge, notice, onSignedIn }: Props) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverUrl, setServerUrl] = useState('');

  useEffect(() => {
    void bridge.serverUrl().then(setServerUrl);
  }, [bridge]);

  const errorText = (err: unknown): string => {
    if (!(err instanceof ApiRequestError)) return t('login.failed', { message: String(err) });
    if (err.kind === 'network') return t('login.unreachable', { url: serverUrl });
    if (err.status === 401) return t('login.wrong');
    if (err.status === 429) return t('login.throttled');
    return t('login.failed', { message: err.message });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login.trim() || !password) return setError(t('login.required'));
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(bridge, localStorage, login.trim(), password));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-form" onSubmit={(e) => void submit(e)} data-testid="login-form" noValidate>
        <h1>
          Kadesk <small>{t('login.title')}</small>
        </h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label>
          {t('login.user')}
          <input
            name="login"
            autoComplete="username"
            autoFocus
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            data-testid="login-user"
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="login-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        {serverUrl && <p className="login-server">{t('login.server', { url: serverUrl })}</p>}
      </form>
    </main>
  );
}
