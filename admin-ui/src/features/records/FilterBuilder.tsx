import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EntityMeta, FilterPath } from '../../api/types.js';
import { optionLabel, pathLabel } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import { Typeahead } from '../../app/Typeahead.js';
import { needsValue, operatorsFor, takesList, type FilterRow, type FilterState, type UiOperator } from './filter-model.js';

/** Props of the filter builder. */
export interface FilterBuilderProps {
  readonly entity: EntityMeta;
  /** What the caller may filter on (from the server), in the order to offer them. */
  readonly paths: readonly FilterPath[];
  readonly value: FilterState;
  readonly onApply: (state: FilterState) => void;
}

function opLabel(op: UiOperator, path: FilterPath, t: (key: MessageKey) => string): string {
  const dated = path.kind === 'date' || path.kind === 'datetime';
  if (dated && op === '$gt') return t('op.after');
  if (dated && op === '$lt') return t('op.before');
  if (op === 'contains' || op === 'startsWith') return t(`op.${op}`);
  if (op === 'empty' || op === 'notEmpty') return t(`op.${op}`);
  return t(`op.${op}` as MessageKey);
}

/** A condition row's value input, by the path's type. */
function ValueInput({ entity, path, row, label, onChange }: { entity: EntityMeta; path: FilterPath; row: FilterRow; label: string; onChange: (value: unknown) => void }) {
  const i18n = useI18n();
  const field = path.field && !path.part ? entity.fields.find((f) => f.name === path.field) : undefined;
  const list = takesList(row.op);
  if (field?.options) {
    if (list) {
      const chosen = new Set(Array.isArray(row.value) ? (row.value as string[]) : []);
      return (
        <fieldset className="choices">
          <legend className="sr-only">{label}</legend>
          {field.options.map((o) => (
            <label key={o.value} className="choice">
              <input type="checkbox" checked={chosen.has(o.value)} onChange={(e) => onChange(field.options!.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : chosen.has(v))))} />
              {i18n.label(o.label, o.value)}
            </label>
          ))}
        </fieldset>
      );
    }
    return (
      <select aria-label={label} value={typeof row.value === 'string' ? row.value : ''} onChange={(e) => onChange(e.target.value)}>
        <option value="" />
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionLabel(field, o.value, i18n)}
          </option>
        ))}
      </select>
    );
  }
  if (path.type === 'boolean') {
    return (
      <select aria-label={label} value={row.value === undefined ? '' : String(row.value)} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}>
        <option value="" />
        <option value="true">{i18n.t('filter.yes')}</option>
        <option value="false">{i18n.t('filter.no')}</option>
      </select>
    );
  }
  if (field && (field.type === 'relation' || field.type === 'user') && !list) {
    return <Typeahead label={label} target={field.type === 'user' ? null : (field.target ?? null)} value={typeof row.value === 'number' ? row.value : null} onChange={(id) => onChange(id ?? undefined)} />;
  }
  const type = list ? 'text' : path.kind === 'date' ? 'date' : path.kind === 'datetime' ? 'datetime-local' : path.kind === 'integer' || path.kind === 'decimal' ? 'number' : 'text';
  const text = Array.isArray(row.value) ? row.value.join(', ') : row.value === undefined || row.value === null ? '' : String(row.value);
  return <input aria-label={label} type={type} step={type === 'number' ? 'any' : undefined} value={text} onChange={(e) => onChange(e.target.value)} />;
}

/**
 * Builds a filter in the API's language from conditions: a field (or a part, or a system
 * field), a condition that fits its type (the server says which operators each path takes),
 * and a value input that fits too. Applies on submit, so typing does not refetch.
 */
export function FilterBuilder({ entity, paths, value, onApply }: FilterBuilderProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<FilterState>(value);
  const id = useId();
  useEffect(() => setDraft(value), [value]);
  const byPath = new Map(paths.map((p) => [p.path, p]));
  const usable = draft.rows.filter((r) => byPath.has(r.path));

  const setRow = (index: number, row: FilterRow) => setDraft({ ...draft, rows: usable.map((r, i) => (i === index ? row : r)) });
  const add = () => {
    const first = paths[0];
    if (first) setDraft({ ...draft, rows: [...usable, { path: first.path, op: operatorsFor(first)[0]! }] });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, rows: usable });
  };

  return (
    <form className="filter-builder" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('filter.title')}
      </h2>
      {usable.length > 1 && (
        <label className="inline">
          {t('filter.match')}{' '}
          <select value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as 'and' | 'or' })}>
            <option value="and">{t('filter.all')}</option>
            <option value="or">{t('filter.any')}</option>
          </select>
        </label>
      )}
      {usable.length === 0 && <p className="muted">{t('filter.none')}</p>}
      <ol className="filter-rows">
        {usable.map((row, index) => {
          const path = byPath.get(row.path)!;
          const ops = operatorsFor(path);
          const n = index + 1;
          return (
            <li key={index} className="filter-row">
              <select
                aria-label={`${t('filter.field')} ${n}`}
                value={row.path}
                onChange={(e) => {
                  const next = byPath.get(e.target.value)!;
                  const nextOps = operatorsFor(next);
                  setRow(index, { path: next.path, op: nextOps.includes(row.op) ? row.op : nextOps[0]! });
                }}
              >
                {paths.map((p) => (
                  <option key={p.path} value={p.path}>
                    {pathLabel(entity, p.path, i18n)}
                  </option>
                ))}
              </select>
              <select aria-label={`${t('filter.operator')} ${n}`} value={row.op} onChange={(e) => setRow(index, { path: row.path, op: e.target.value as UiOperator })}>
                {ops.map((op) => (
                  <option key={op} value={op}>
                    {opLabel(op, path, t)}
                  </option>
                ))}
              </select>
              {needsValue(row.op) && <ValueInput entity={entity} path={path} row={row} label={`${t('filter.value')} ${n}`} onChange={(v) => setRow(index, { ...row, value: v })} />}
              <button type="button" className="icon" aria-label={t('filter.remove', { n })} title={t('filter.remove', { n })} onClick={() => setDraft({ ...draft, rows: usable.filter((_, i) => i !== index) })}>
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" onClick={add} disabled={paths.length === 0}>
          + {t('filter.add')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => onApply({ mode: 'and', rows: [] })}>
          {t('filter.clear')}
        </button>
        <button type="submit" className="primary">
          {t('filter.apply')}
        </button>
      </div>
    </form>
  );
}
