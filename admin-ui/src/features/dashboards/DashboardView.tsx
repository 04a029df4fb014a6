import { useMemo } from 'react';
import { ApiError } from '../../api/client.js';
import { useI18n } from '../../app/i18n.js';
import { Link, navigate } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { toWidgetModel } from './chart-data.js';
import { dashboardsApi, type WidgetData } from './dashboard-api.js';
import { dashboardPaths } from './dashboard-paths.js';
import WidgetChart from './WidgetChart.js';
import './dashboards.css';

function WidgetCard({ data, width, sorted }: { data: WidgetData; width: number; sorted: boolean }) {
  const i18n = useI18n();
  const { entities } = useSession();
  const model = useMemo(() => ('result' in data ? toWidgetModel(data.result, data.chart, { i18n, entities }, { sorted }) : null), [data, i18n, entities, sorted]);
  return (
    <section className="widget" style={{ gridColumn: `span ${width}` }} aria-labelledby={`widget-${data.index}`}>
      <h2 id={`widget-${data.index}`}>{data.title}</h2>
      {'error' in data ? (
        <ErrorNotice error={new ApiError({ status: data.error.status ?? 400, code: data.error.code ?? 'KITH_REPORT_INVALID', detail: data.error.detail ?? '' })} />
      ) : (
        <WidgetChart model={model!} title={data.title} />
      )}
    </section>
  );
}

/** One dashboard: every widget's figures, computed by the server with the reader's permissions. */
export function DashboardView({ id }: { id: number }) {
  const { t } = useI18n();
  const [state, reload] = useAsync(async (signal) => {
    const [dashboard, data] = await Promise.all([dashboardsApi.get(id, signal), dashboardsApi.data(id, signal)]);
    return { dashboard, data };
  }, [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const { dashboard, data } = state.value;
  const remove = async () => {
    if (!window.confirm(t('dash.confirmDelete', { name: dashboard.name }))) return;
    await dashboardsApi.remove(id);
    navigate(dashboardPaths.list());
  };
  return (
    <div className="page dashboards">
      <p className="crumbs">
        <Link to={dashboardPaths.list()}>{t('dash.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{dashboard.name}</h1>
        {dashboard.shared && <span className="badge">{t('dash.sharedBadge')}</span>}
        <span className="spacer" />
        {dashboard.mine && (
          <>
            <Link to={dashboardPaths.edit(id)} className="button">
              {t('dash.edit')}
            </Link>
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('dash.delete')}
            </button>
          </>
        )}
      </div>
      {dashboard.description && <p className="muted">{dashboard.description}</p>}
      {data.widgets.length === 0 && <p className="empty">{t('dash.empty')}</p>}
      <div className="widget-grid">
        {data.widgets.map((w) => (
          <WidgetCard key={w.index} data={w} sorted={(dashboard.widgets[w.index]?.report.sort?.length ?? 0) > 0} width={Math.min(12, Math.max(3, dashboard.widgets[w.index]?.layout?.w ?? 6))} />
        ))}
      </div>
    </div>
  );
}
