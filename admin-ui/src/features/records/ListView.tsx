import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, query } from '../../api/client.js';
import { loadAbilities, loadFilterPaths } from '../../api/metadata.js';
import type { Abilities, EntityMeta, FilterPath, RecordPage, SavedView } from '../../api/types.js';
import { entityLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { namesFor } from '../../app/names.js';
import { Link, navigate, paths as routes } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice, Loading, NotFound } from '../../app/states.js';
import { useAsync } from '../../app/use-async.js';
import { ColumnPicker } from './ColumnPicker.js';
import { FilterBuilder } from './FilterBuilder.js';
import { fromApiFilter, toApiFilter } from './filter-model.js';
import { configFromView, defaultConfig, sameConfig, sortParam, viewFromConfig, type ListConfig } from './list-config.js';
import { ListTable } from './ListTable.js';
import { reportListTiming } from './list-timing.js';
import { SortEditor } from './SortEditor.js';
import { ViewBar } from './ViewBar.js';

const PAGE_SIZE = 50;

/** The list of an entity: saved views, columns, filter, sort, keyset pages, count, bulk delete. */
export function ListView({ entityName, params }: { entityName: string; params: URLSearchParams }) {
  const { me, entities } = useSession();
  const entity = entities.find((e) => e.name === entityName);
  const [meta] = useAsync(
    async () => {
      if (!entity) return undefined;
      const [paths, abilities, views] = await Promise.all([loadFilterPaths(entityName), loadAbilities(me, entityName), api<{ data: SavedView[] }>('GET', `/views${query({ entity: entityName })}`)]);
      return { paths, abilities, views: views.data };
    },
    [entityName],
  );
  if (!entity) return <NotFound />;
  if (meta.status === 'loading') return <Loading />;
  if (meta.status === 'error') return <ErrorNotice error={meta.error} />;
  return <List entity={entity} paths={meta.value!.paths} abilities={meta.value!.abilities} initialViews={meta.value!.views} params={params} />;
}

interface ListProps {
  readonly entity: EntityMeta;
  readonly paths: readonly FilterPath[];
  readonly abilities: Abilities;
  readonly initialViews: readonly SavedView[];
  readonly params: URLSearchParams;
}

function List({ entity, paths, abilities, initialViews, params }: ListProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [views, setViews] = useState<readonly SavedView[]>(initialViews);
  const viewId = Number(params.get('view')) || undefined;
  const linkFilter = params.get('filter');
  const current = views.find((v) => v.id === viewId);
  const base = useMemo<ListConfig>(() => {
    if (current) return configFromView(current.config, entity, paths);
    const config = defaultConfig(entity);
    if (!linkFilter) return config;
    try {
      return { ...config, filter: fromApiFilter(JSON.parse(linkFilter) as Record<string, unknown>) ?? config.filter };
    } catch {
      return config;
    }
  }, [current, entity, paths, linkFilter]);
  const [config, setConfig] = useState<ListConfig>(base);
  useEffect(() => setConfig(base), [base]);
  const [panel, setPanel] = useState<'columns' | 'filter' | 'sort' | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [total, setTotal] = useState<number | undefined>();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState<string | null>(null);

  const filter = toApiFilter(config.filter, paths);
  const sort = sortParam(config.sort).join(',');
  const fields = [...new Set([...(entity.titleField ? [entity.titleField] : []), ...config.columns.filter((c) => entity.fields.some((f) => f.name === c))])].join(',');
  const queryKey = JSON.stringify({ filter, sort, fields });
  useEffect(() => {
    setCursors([null]);
    setTotal(undefined);
    setSelected(new Set());
  }, [queryKey]);
  const cursor = cursors[cursors.length - 1] ?? null;

  const [page, reload] = useAsync(
    async (signal) => {
      const started = performance.now();
      const result = await api<RecordPage>('GET', `/records/${encodeURIComponent(entity.name)}${query({ filter, sort, limit: PAGE_SIZE, cursor, fields })}`, undefined, { signal });
      const parsedAt = performance.now();
      performance.mark?.('kith:list:data');
      const names = await namesFor(entity.fields, result.data, i18n, config.columns.some((c) => c === 'createdBy' || c === 'updatedBy'));
      const namedAt = performance.now();
      performance.measure?.('kith:list', { start: started });
      return { ...result, names, parsedAt, namedAt };
    },
    [queryKey, cursor, i18n.locale],
  );
  const loaded = page.status === 'ready' ? page.value : undefined;
  // After the commit that shows these rows: the list budget's figure (list-timing.ts).
  useEffect(() => (loaded ? reportListTiming(entity.name, loaded.data.length, loaded.parsedAt, loaded.namedAt) : undefined), [loaded, entity.name]);

  const count = async () => setTotal((await api<RecordPage>('GET', `/records/${encodeURIComponent(entity.name)}${query({ filter, limit: 1, count: true, fields: 'id' })}`)).total);

  const deleteSelected = async () => {
    if (page.status !== 'ready' || !window.confirm(t('list.confirmDelete', { count: selected.size }))) return;
    const rows = page.value.data.filter((r) => selected.has(r.id));
    const failures: string[] = [];
    for (const row of rows) {
      try {
        await api('DELETE', `/records/${encodeURIComponent(entity.name)}/${row.id}${query({ version: row.version })}`);
      } catch (e) {
        failures.push(e instanceof ApiError ? e.problem.detail : String(e));
      }
    }
    setSelected(new Set());
    setMessage(failures.length ? failures.join(' ') : t('list.deleted', { count: rows.length }));
    reload();
  };

  const selectView = (id: number | null) => navigate(routes.list(entity.name, id ? { view: String(id) } : {}));
  const plural = entityLabel(entity, i18n, true);
  const singular = entityLabel(entity, i18n);
  const filterCount = config.filter.rows.length;
  const dirty = !sameConfig(config, base, paths) || (!current && !!linkFilter);
  const sortable = paths.filter((p) => p.kind !== 'json');
  const boardField = entity.fields.find((f) => f.type === 'select');
  const pageIndex = cursors.length - 1;

  return (
    <div className="page list-page">
      <div className="page-head">
        <h1>{current ? current.name : plural}</h1>
        <span className="spacer" />
        {boardField && (
          <Link className="button" to={routes.board(entity.name, boardField.name)}>
            {t('list.board')}
          </Link>
        )}
        {abilities.create && (
          <Link className="button primary" to={routes.create(entity.name)}>
            {t('list.new', { entity: singular })}
          </Link>
        )}
      </div>
      <div className="toolbar" role="toolbar" aria-label={plural}>
        <ViewBar
          entity={entity}
          views={views}
          current={current}
          dirty={dirty}
          config={viewFromConfig(config, paths)}
          onSelect={selectView}
          onSaved={(view) => {
            setViews([...views.filter((v) => v.id !== view.id), view].sort((a, b) => a.name.localeCompare(b.name)));
            setMessage(t('views.saved', { name: view.name }));
            navigate(routes.list(entity.name, { view: String(view.id) }), { replace: true });
          }}
          onDeleted={(id) => {
            setViews(views.filter((v) => v.id !== id));
            selectView(null);
          }}
        />
        <span className="spacer" />
        {(['columns', 'filter', 'sort'] as const).map((name) => (
          <button key={name} type="button" aria-expanded={panel === name} aria-controls={`panel-${name}`} className={panel === name ? 'pressed' : undefined} onClick={() => setPanel(panel === name ? null : name)}>
            {name === 'filter' && filterCount > 0 ? t('list.filterCount', { count: filterCount }) : t(`list.${name}`)}
          </button>
        ))}
      </div>
      {panel && (
        <div id={`panel-${panel}`} className="panel">
          {panel === 'columns' && <ColumnPicker entity={entity} columns={config.columns} onChange={(columns) => setConfig({ ...config, columns })} />}
          {panel === 'filter' && <FilterBuilder entity={entity} paths={paths} value={config.filter} onApply={(f) => setConfig({ ...config, filter: f })} />}
          {panel === 'sort' && <SortEditor entity={entity} paths={sortable} sort={config.sort} onChange={(s) => setConfig({ ...config, sort: s })} />}
        </div>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {page.status === 'error' && <ErrorNotice error={page.error} onRetry={reload} />}
      {page.status === 'loading' && <Loading />}
      {page.status === 'ready' &&
        (page.value.data.length === 0 && pageIndex === 0 ? (
          <div className="empty">
            {filter ? (
              <>
                <p>{t('list.emptyFiltered', { entity: plural })}</p>
                <p className="muted">{t('list.emptyFilteredHint')}</p>
                <button type="button" onClick={() => setConfig({ ...config, filter: { mode: 'and', rows: [] } })}>
                  {t('list.clearFilter')}
                </button>
              </>
            ) : (
              <>
                <p>{t('list.empty', { entity: plural })}</p>
                {abilities.create && <p className="muted">{t('list.emptyCreate', { entity: singular })}</p>}
              </>
            )}
          </div>
        ) : (
          <>
            {selected.size > 0 && (
              <div className="bulk-bar" role="region" aria-label={t('list.selected', { count: selected.size })}>
                <span>{t('list.selected', { count: selected.size })}</span>
                <button type="button" className="danger" onClick={() => void deleteSelected()}>
                  {t('list.deleteSelected')}
                </button>
              </div>
            )}
            <ListTable
              entity={entity}
              columns={config.columns}
              rows={page.value.data}
              names={page.value.names}
              sort={config.sort}
              sortable={new Set(sortable.map((p) => p.path))}
              onSort={(s) => setConfig({ ...config, sort: s })}
              selectable={abilities.delete}
              selected={selected}
              onSelect={setSelected}
            />
            <div className="pager">
              <span className="muted">
                {t('list.showing', { from: pageIndex * PAGE_SIZE + 1, to: pageIndex * PAGE_SIZE + page.value.data.length })}
                {total !== undefined && <> · {t('list.total', { count: total })}</>}
              </span>
              {total === undefined && (
                <button type="button" className="link" onClick={() => void count()}>
                  {t('list.count')}
                </button>
              )}
              <span className="spacer" />
              <button type="button" disabled={pageIndex === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                ← {t('list.previous')}
              </button>
              <button type="button" disabled={!page.value.nextCursor} onClick={() => setCursors([...cursors, page.value.nextCursor])}>
                {t('list.next')} →
              </button>
            </div>
          </>
        ))}
    </div>
  );
}
