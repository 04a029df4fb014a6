import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError, busy } from '../api/client.js';
import { useI18n } from './i18n.js';
import { Link } from './router.js';

/** A polite loading line, shown only when loading takes longer than a blink. */
export function Loading() {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), 150);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="loading" role="status" aria-live="polite">
      {shown ? t('app.loading') : null}
    </div>
  );
}

/** A thin bar at the top while any request takes longer than 300 ms. */
export function ProgressBar() {
  const count = useSyncExternalStore(busy.subscribe, () => busy.count, () => 0);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (count === 0) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), 300);
    return () => clearTimeout(timer);
  }, [count]);
  return slow ? <div className="progress" role="progressbar" aria-label="Loading" aria-busy="true" /> : null;
}

/** An error from the server in words, with the server's own message and a retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const detail = error instanceof ApiError ? error.problem.detail : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice error" role="alert">
      <strong>{error instanceof ApiError && error.status === 403 ? t('error.forbidden') : t('error.title')}</strong>
      <p>{detail}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** An address the UI does not know. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <div className="empty">
      <p>{t('app.notFound')}</p>
      <Link to="/">{t('app.goHome')}</Link>
    </div>
  );
}
