import { useI18n } from '../../app/i18n.js';
import { Link } from '../../app/router.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { dashboardsApi, type Dashboard } from './dashboard-api.js';
import { dashboardPaths } from './dashboard-paths.js';
import './dashboards.css';

function Group({ title, list }: { title: string; list: readonly Dashboard[] }) {
  const { t } = useI18n();
  if (list.length === 0) return null;
  return (
    <section className="dashboard-group">
      <h2>{title}</h2>
      <ul className="dashboard-list">
        {list.map((d) => (
          <li key={d.id}>
            <Link to={dashboardPaths.view(d.id)}>{d.name}</Link>
            {d.shared && <span className="badge">{t('dash.sharedBadge')}</span>}
            <span className="muted small">{t('dash.widgets', { count: d.widgets.length })}</span>
            {d.description && <p className="muted small">{d.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The dashboards the user may see: their own, and the ones others share. */
export function DashboardList() {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, reload] = useAsync((signal) => dashboardsApi.list(signal), []);
  return (
    <div className="page dashboards">
      <div className="page-head">
        <h1>{t('dash.title')}</h1>
        <span className="spacer" />
        <Link to={dashboardPaths.create()} className="button primary">
          + {t('dash.new')}
        </Link>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          {state.value.length === 0 && <p className="empty">{t('dash.none')}</p>}
          <Group title={t('dash.mine')} list={state.value.filter((d) => d.mine).sort((a, b) => a.name.localeCompare(b.name, i18n.locale))} />
          <Group title={t('dash.shared')} list={state.value.filter((d) => !d.mine).sort((a, b) => a.name.localeCompare(b.name, i18n.locale))} />
        </>
      )}
    </div>
  );
}
