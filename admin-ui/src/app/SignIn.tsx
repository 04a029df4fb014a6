import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { LOCALES, useI18n } from './i18n.js';

/** The sign-in page: email and password; the server sets the session and CSRF cookies. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setError(null);
    try {
      await api('POST', '/auth/login', { email, password });
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : String(e));
      setWorking(false);
    }
  };

  return (
    <main className="signin">
      <form onSubmit={submit} aria-labelledby={`${id}-title`} aria-busy={working}>
        <h1 id={`${id}-title`}>{t('signin.title')}</h1>
        <label htmlFor={`${id}-email`}>{t('signin.email')}</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor={`${id}-password`}>{t('signin.password')}</label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={working}>
          {working ? t('signin.working') : t('signin.submit')}
        </button>
        <label className="inline lang">
          {t('app.language')}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value as (typeof LOCALES)[number])}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
      </form>
    </main>
  );
}
