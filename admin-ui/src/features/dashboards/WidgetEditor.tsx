import { useId, useState } from 'react';
import type { FilterPath } from '../../api/types.js';
import { entityLabel, pathLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { useSession } from '../../app/session.js';
import { FilterBuilder } from '../records/FilterBuilder.js';
import { BUCKETS, CHARTS, OPS, type Op } from './dashboard-api.js';
import { groupablePaths, groupFor, measurablePaths, type WidgetDraft } from './widget-draft.js';

/** Props of one widget's editor. */
export interface WidgetEditorProps {
  readonly n: number;
  readonly draft: WidgetDraft;
  /** What the user may filter and group on in the widget's entity (from the metadata's filters endpoint). */
  readonly paths: readonly FilterPath[];
  readonly onChange: (draft: WidgetDraft) => void;
  readonly onEntity: (entity: string) => void;
  readonly onRemove: () => void;
}

/** Edits one widget: title, chart, entity, up to two grouping keys (dates by bucket), a measure and a filter. */
export function WidgetEditor({ n, draft, paths, onChange, onEntity, onRemove }: WidgetEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { entities } = useSession();
  const id = useId();
  const [filterOpen, setFilterOpen] = useState(draft.filter.rows.length > 0);
  const entity = entities.find((e) => e.name === draft.entity);
  const groupable = groupablePaths(paths);
  const measurable = measurablePaths(paths, draft.op);
  const label = (p: FilterPath) => (entity ? pathLabel(entity, p.path, i18n) : p.path);
  const isDate = (path: string) => ['date', 'datetime'].includes(paths.find((p) => p.path === path)?.kind ?? '');

  const setGroup = (index: number, path: string) => {
    if (!path) return onChange({ ...draft, groups: draft.groups.slice(0, index) });
    const groups = [...draft.groups];
    groups[index] = groupFor(path, paths);
    onChange({ ...draft, groups: groups.slice(0, 2) });
  };
  const setOp = (op: Op) => {
    const fields = measurablePaths(paths, op);
    const field = op === 'count' ? undefined : fields.some((p) => p.path === draft.field) ? draft.field : fields[0]?.path;
    onChange({ ...draft, op, ...(field ? { field } : { field: undefined }) });
  };

  return (
    <fieldset className="widget-editor">
      <legend>{t('dash.widget', { n })}</legend>
      <div className="widget-editor-grid">
        <label>
          {t('dash.widgetTitle')}
          <input value={draft.title} required maxLength={120} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        </label>
        <label>
          {t('dash.entity')}
          <select value={draft.entity} onChange={(e) => onEntity(e.target.value)}>
            {entities.map((e) => (
              <option key={e.name} value={e.name}>
                {entityLabel(e, i18n, true)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dash.chart')}
          <select value={draft.chart} onChange={(e) => onChange({ ...draft, chart: e.target.value as WidgetDraft['chart'] })}>
            {CHARTS.map((c) => (
              <option key={c} value={c}>
                {t(`dash.chart.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {[0, 1].map((index) =>
          index > draft.groups.length ? null : (
            <div key={index} className="group-picker">
              <label>
                {t(index === 0 ? 'dash.groupBy' : 'dash.thenBy')}
                <select value={draft.groups[index]?.path ?? ''} onChange={(e) => setGroup(index, e.target.value)}>
                  <option value="">{t('dash.noGroup')}</option>
                  {groupable.map((p) => (
                    <option key={p.path} value={p.path}>
                      {label(p)}
                    </option>
                  ))}
                </select>
              </label>
              {draft.groups[index] && isDate(draft.groups[index].path) && (
                <label>
                  {t('dash.bucket')}
                  <select
                    aria-label={`${t('dash.bucket')} (${t(index === 0 ? 'dash.groupBy' : 'dash.thenBy')})`}
                    value={draft.groups[index].bucket ?? 'month'}
                    onChange={(e) => onChange({ ...draft, groups: draft.groups.map((g, i) => (i === index ? { ...g, bucket: e.target.value as (typeof BUCKETS)[number] } : g)) })}
                  >
                    {BUCKETS.map((b) => (
                      <option key={b} value={b}>
                        {t(`dash.bucket.${b}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
          ),
        )}
        <label>
          {t('dash.measure')}
          <select value={draft.op} onChange={(e) => setOp(e.target.value as Op)}>
            {OPS.filter((op) => op === 'count' || measurablePaths(paths, op).length > 0).map((op) => (
              <option key={op} value={op}>
                {t(`dash.op.${op}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {draft.op !== 'count' && (
          <label>
            {t('dash.measureField')}
            <select value={draft.field ?? ''} onChange={(e) => onChange({ ...draft, field: e.target.value })}>
              {measurable.map((p) => (
                <option key={p.path} value={p.path}>
                  {label(p)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {draft.rawFilter ? (
        <p className="muted small">{t('dash.filterRaw', { filter: JSON.stringify(draft.rawFilter) })}</p>
      ) : (
        <>
          <label className="inline">
            <input type="checkbox" checked={filterOpen} aria-controls={`${id}-filter`} onChange={(e) => setFilterOpen(e.target.checked)} />
            {draft.filter.rows.length > 0 ? t('dash.filterActive', { count: draft.filter.rows.length }) : t('dash.filter')}
          </label>
          {filterOpen && entity && (
            <div id={`${id}-filter`} className="widget-filter">
              <FilterBuilder entity={entity} paths={paths} value={draft.filter} onApply={(filter) => onChange({ ...draft, filter })} />
            </div>
          )}
        </>
      )}
      <div className="actions">
        <span className="spacer" />
        <button type="button" className="danger" onClick={onRemove}>
          {t('dash.removeWidget', { n })}
        </button>
      </div>
    </fieldset>
  );
}
