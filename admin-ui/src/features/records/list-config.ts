import type { EntityMeta, FilterPath, ViewConfig } from '../../api/types.js';
import { EMPTY_FILTER, fromApiFilter, toApiFilter, type FilterState } from './filter-model.js';

/** One sort key. */
export interface SortKey {
  readonly path: string;
  readonly desc: boolean;
}

/** What a list shows: the columns, the filter conditions and the sort keys. */
export interface ListConfig {
  readonly columns: readonly string[];
  readonly filter: FilterState;
  readonly sort: readonly SortKey[];
}

const WIDE = new Set(['longText', 'json', 'address']);

/** The columns a list starts with: the title, then the first few fields that fit a table cell. */
export function defaultColumns(entity: EntityMeta): string[] {
  const title = entity.titleField && entity.fields.some((f) => f.name === entity.titleField) ? [entity.titleField] : [];
  const rest = entity.fields.filter((f) => f.name !== entity.titleField && !WIDE.has(f.type) && !f.hidden).map((f) => f.name);
  return [...title, ...rest].slice(0, 6);
}

/** The default list of an entity. */
export function defaultConfig(entity: EntityMeta): ListConfig {
  return { columns: defaultColumns(entity), filter: EMPTY_FILTER, sort: [] };
}

/** Sort keys as the API spells them (`-amount`). */
export const sortParam = (sort: readonly SortKey[]) => sort.map((s) => `${s.desc ? '-' : ''}${s.path}`);

/** Parses `-amount` style keys. */
export const parseSort = (keys: readonly string[]): SortKey[] => keys.map((k) => (k.startsWith('-') ? { path: k.slice(1), desc: true } : { path: k, desc: false }));

/**
 * A heading clicked: alone, it becomes the only key (ascending, then descending, then off);
 * with Shift, it is added as a further key, or its direction flips.
 */
export function toggleSort(sort: readonly SortKey[], path: string, additive: boolean): SortKey[] {
  const existing = sort.find((s) => s.path === path);
  if (additive) {
    if (!existing) return [...sort, { path, desc: false }];
    return sort.map((s) => (s.path === path ? { path, desc: !s.desc } : s));
  }
  if (!existing || sort.length > 1) return [{ path, desc: existing ? !existing.desc : false }];
  return existing.desc ? [] : [{ path, desc: true }];
}

/** The config of a saved view, keeping only what the caller can still use. */
export function configFromView(view: ViewConfig, entity: EntityMeta, paths: readonly FilterPath[]): ListConfig {
  const readable = new Set([...entity.fields.map((f) => f.name), 'id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);
  const sortable = new Set(paths.map((p) => p.path));
  const columns = view.columns.filter((c) => readable.has(c));
  return {
    columns: columns.length ? columns : defaultColumns(entity),
    filter: fromApiFilter(view.filter) ?? EMPTY_FILTER,
    sort: parseSort(view.sort).filter((s) => sortable.has(s.path)),
  };
}

/** A list config as a saved view stores it. */
export function viewFromConfig(config: ListConfig, paths: readonly FilterPath[]): ViewConfig {
  return { columns: config.columns, filter: toApiFilter(config.filter, paths), sort: sortParam(config.sort) };
}

/** Whether two configs would show the same list. */
export function sameConfig(a: ListConfig, b: ListConfig, paths: readonly FilterPath[]): boolean {
  return JSON.stringify(viewFromConfig(a, paths)) === JSON.stringify(viewFromConfig(b, paths));
}
