import type { MouseEvent } from 'react';
import type { EntityMeta, RecordRow } from '../../api/types.js';
import { formatValue, pathLabel, recordTitle } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { Link, paths } from '../../app/router.js';
import { toggleSort, type SortKey } from './list-config.js';

/** Props of the list table. */
export interface ListTableProps {
  readonly entity: EntityMeta;
  readonly columns: readonly string[];
  readonly rows: readonly RecordRow[];
  readonly names: ReadonlyMap<string, string>;
  readonly sort: readonly SortKey[];
  readonly sortable: ReadonlySet<string>;
  readonly onSort: (sort: SortKey[]) => void;
  readonly selectable: boolean;
  readonly selected: ReadonlySet<number>;
  readonly onSelect: (ids: ReadonlySet<number>) => void;
}

const NUMERIC = new Set(['integer', 'decimal', 'currency', 'percent', 'computed', 'rollup']);

/** The records of one page: sortable headings (Shift adds a key), the title links to the record. */
export function ListTable({ entity, columns, rows, names, sort, sortable, onSort, selectable, selected, onSelect }: ListTableProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const linkColumn = columns.includes(entity.titleField ?? '') ? entity.titleField : columns[0];
  const headingClick = (path: string) => (event: MouseEvent) => onSort(toggleSort(sort, path, event.shiftKey));

  return (
    <div className="table-wrap">
      <table className="records">
        <caption className="sr-only">{t('list.sortHint')}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="select">
                <input type="checkbox" aria-label={t('list.selectAll')} checked={allSelected} onChange={(e) => onSelect(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())} />
              </th>
            )}
            {columns.map((column) => {
              const key = sort.find((s) => s.path === column);
              const position = sort.indexOf(key!) + 1;
              const label = pathLabel(entity, column, i18n);
              const field = entity.fields.find((f) => f.name === column);
              return (
                <th key={column} scope="col" aria-sort={key && position === 1 ? (key.desc ? 'descending' : 'ascending') : undefined} className={field && NUMERIC.has(field.type) ? 'num' : undefined}>
                  {sortable.has(column) ? (
                    <button type="button" className="sort" onClick={headingClick(column)} title={t('list.sortHint')}>
                      {label}
                      {key && (
                        <span aria-label={key.desc ? t('list.sortedDesc') : t('list.sortedAsc')}>
                          {key.desc ? ' ↓' : ' ↑'}
                          {sort.length > 1 ? position : ''}
                        </span>
                      )}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const title = recordTitle(entity, row, i18n);
            return (
              <tr key={row.id} className={selected.has(row.id) ? 'selected' : undefined}>
                {selectable && (
                  <td className="select">
                    <input
                      type="checkbox"
                      aria-label={t('list.selectRow', { title })}
                      checked={selected.has(row.id)}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(row.id);
                        else next.delete(row.id);
                        onSelect(next);
                      }}
                    />
                  </td>
                )}
                {columns.map((column) => {
                  const field = entity.fields.find((f) => f.name === column);
                  const text = formatValue(field, column, row[column], i18n, names);
                  const numeric = field && NUMERIC.has(field.type);
                  return (
                    <td key={column} className={numeric ? 'num' : undefined} data-label={pathLabel(entity, column, i18n)}>
                      {column === linkColumn ? <Link to={paths.record(entity.name, row.id)}>{text || title}</Link> : field?.type === 'select' && row[column] ? <SelectBadge color={field.options?.find((o) => o.value === row[column])?.color} text={text} /> : text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A select value with its option's colour as a dot. */
export function SelectBadge({ color, text }: { color: string | undefined; text: string }) {
  return (
    <span className="select-badge">
      {color && <span className="dot" style={{ background: color }} aria-hidden="true" />}
      {text}
    </span>
  );
}
