import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { loadFilterPaths } from '../../api/metadata.js';
import type { FilterPath } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { Link, navigate } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { dashboardsApi, type Dashboard } from './dashboard-api.js';
import { dashboardPaths } from './dashboard-paths.js';
import { draftOf, newWidget, widgetOf, type WidgetDraft } from './widget-draft.js';
import { WidgetEditor } from './WidgetEditor.js';
import './dashboards.css';

/** Creates a dashboard, or edits one of the user's own (`id`). */
export default function DashboardEditor({ id }: { id?: number }) {
  const [state, reload] = useAsync((signal) => (id ? dashboardsApi.get(id, signal) : Promise.resolve(null)), [id]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  return <Editor dashboard={state.value} />;
}

function Editor({ dashboard }: { dashboard: Dashboard | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const [name, setName] = useState(dashboard?.name ?? '');
  const [description, setDescription] = useState(dashboard?.description ?? '');
  const [shared, setShared] = useState(dashboard?.shared ?? false);
  const [widgets, setWidgets] = useState<WidgetDraft[]>(() => dashboard?.widgets.map(draftOf) ?? []);
  const [paths, setPaths] = useState<ReadonlyMap<string, readonly FilterPath[]>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  // The filters endpoint says what each entity may be grouped, measured and filtered by for this user.
  const wanted = [...new Set(widgets.map((w) => w.entity))].filter((e) => !paths.has(e)).join(',');
  useEffect(() => {
    if (!wanted) return;
    for (const entity of wanted.split(',')) void loadFilterPaths(entity).then((p) => setPaths((m) => new Map(m).set(entity, p)), () => setPaths((m) => new Map(m).set(entity, [])));
  }, [wanted]);

  const addWidget = async (entity = entities[0]?.name) => {
    if (!entity) return;
    const p = await loadFilterPaths(entity);
    setPaths((m) => new Map(m).set(entity, p));
    setWidgets((list) => [...list, newWidget(entity, p, '')]);
  };
  const changeEntity = async (index: number, entity: string) => {
    const p = await loadFilterPaths(entity);
    setPaths((m) => new Map(m).set(entity, p));
    setWidgets((list) => list.map((w, i) => (i === index ? { ...newWidget(entity, p, w.title), chart: w.chart, width: w.width } : w)));
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const input = { name: name.trim(), description: description.trim() || null, shared, widgets: widgets.map((w, i) => widgetOf(w, paths.get(w.entity) ?? [], i)) };
      const saved = dashboard ? await dashboardsApi.update(dashboard.id, dashboard.version, input) : await dashboardsApi.create(input);
      navigate(dashboardPaths.view(saved.id));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'KITH_UI', detail: String(e) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page dashboards dashboard-editor">
      <p className="crumbs">
        <Link to={dashboard ? dashboardPaths.view(dashboard.id) : dashboardPaths.list()}>{dashboard ? dashboard.name : t('dash.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{dashboard ? t('dash.edit') : t('dash.new')}</h1>
      </div>
      <div className="editor-fields">
        <label>
          {t('dash.name')}
          <input value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('dash.description')}
          <input value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          {t('dash.shareAll')}
        </label>
      </div>
      {widgets.map((w, i) => (
        <WidgetEditor
          key={i}
          n={i + 1}
          draft={w}
          paths={paths.get(w.entity) ?? []}
          onChange={(next) => setWidgets((list) => list.map((x, j) => (j === i ? next : x)))}
          onEntity={(entity) => void changeEntity(i, entity)}
          onRemove={() => setWidgets((list) => list.filter((_, j) => j !== i))}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => void addWidget()} disabled={entities.length === 0 || widgets.length >= 24}>
          + {t('dash.addWidget')}
        </button>
      </div>
      {error && (
        <div className="notice error" role="alert">
          <strong>{t('dash.problems')}</strong>
          {error.problem.errors?.length ? (
            <ul>
              {error.problem.errors.map((p, i) => (
                <li key={i}>
                  {p.field ? <code>{p.field}</code> : null} {p.message}
                </li>
              ))}
            </ul>
          ) : (
            <p>{error.problem.detail}</p>
          )}
        </div>
      )}
      <div className="actions">
        <span className="spacer" />
        <Link to={dashboard ? dashboardPaths.view(dashboard.id) : dashboardPaths.list()} className="button">
          {t('dash.cancel')}
        </Link>
        <button type="button" className="primary" disabled={saving || !name.trim()} onClick={() => void save()}>
          {t('dash.save')}
        </button>
      </div>
    </div>
  );
}
