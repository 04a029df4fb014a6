import type { FilterOperator, FilterPath } from '../../api/types.js';

/** The conditions the filter builder offers; most are API operators, a few are friendlier spellings of one. */
export type UiOperator = Exclude<FilterOperator, '$like' | '$ilike' | '$null'> | 'contains' | 'startsWith' | 'empty' | 'notEmpty';

/** One condition row of the builder. */
export interface FilterRow {
  readonly path: string;
  readonly op: UiOperator;
  /** A string, number, boolean, or a list for `$in`/`$nin`; undefined while not filled in. */
  readonly value?: unknown;
}

/** The builder's state: conditions joined by and/or. */
export interface FilterState {
  readonly mode: 'and' | 'or';
  readonly rows: readonly FilterRow[];
}

export const EMPTY_FILTER: FilterState = { mode: 'and', rows: [] };

/** The conditions that fit a path, from the operators the server lists for it, in a sensible order. */
export function operatorsFor(path: FilterPath): UiOperator[] {
  const has = (op: FilterOperator) => path.operators.includes(op);
  const ops: UiOperator[] = [];
  if (has('$eq')) ops.push('$eq');
  if (has('$ne')) ops.push('$ne');
  if (has('$ilike')) ops.push('contains', 'startsWith');
  if (has('$in')) ops.push('$in');
  if (has('$nin')) ops.push('$nin');
  // Order on text is alphabetical and rarely wanted; offer it for numbers and dates only.
  if (path.kind !== 'text') for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) if (has(op)) ops.push(op);
  if (has('$null')) ops.push('empty', 'notEmpty');
  return ops;
}

/** Whether a condition needs a value. */
export const needsValue = (op: UiOperator) => op !== 'empty' && op !== 'notEmpty';

/** Whether a condition takes a list of values. */
export const takesList = (op: UiOperator) => op === '$in' || op === '$nin';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const unescapeLike = (text: string) => text.replace(/\\([\\%_])/g, '$1');

/** A value typed into the builder, in the form the API expects for the path's kind. */
export function coerce(path: FilterPath, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => coerce(path, v));
  if (path.type === 'boolean' || path.kind === 'boolean') return value === true || value === 'true';
  const numeric = path.kind === 'integer' || path.kind === 'decimal';
  // Relations and users are stored as integer ids; their ids are numbers too.
  if (numeric) {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return Number.isFinite(n) ? n : value;
  }
  if (path.kind === 'datetime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return new Date(value).toISOString();
  return value;
}

function isFilled(row: FilterRow): boolean {
  if (!needsValue(row.op)) return true;
  if (Array.isArray(row.value)) return row.value.length > 0;
  return row.value !== undefined && row.value !== null && row.value !== '';
}

function condition(row: FilterRow, path: FilterPath): Record<string, unknown> {
  switch (row.op) {
    case 'contains':
      return { [row.path]: { $ilike: `%${escapeLike(String(row.value))}%` } };
    case 'startsWith':
      return { [row.path]: { $ilike: `${escapeLike(String(row.value))}%` } };
    case 'empty':
      return { [row.path]: { $null: true } };
    case 'notEmpty':
      return { [row.path]: { $null: false } };
    default: {
      const value = takesList(row.op) && !Array.isArray(row.value) ? String(row.value).split(',').map((s) => s.trim()).filter(Boolean) : row.value;
      return { [row.path]: { [row.op]: coerce(path, value) } };
    }
  }
}

/**
 * The API filter for the builder's state: one condition as itself, several under `$and` or
 * `$or`; rows still missing a value (or on a path the caller cannot use) are left out.
 * Null when nothing is left.
 */
export function toApiFilter(state: FilterState, paths: readonly FilterPath[]): Record<string, unknown> | null {
  const byPath = new Map(paths.map((p) => [p.path, p]));
  const parts = state.rows.filter((r) => byPath.has(r.path) && isFilled(r)).map((r) => condition(r, byPath.get(r.path)!));
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return { [state.mode === 'or' ? '$or' : '$and']: parts };
}

function rowFrom(path: string, spec: unknown): FilterRow | undefined {
  if (spec === null) return { path, op: 'empty' };
  if (Array.isArray(spec)) return { path, op: '$in', value: spec };
  if (typeof spec !== 'object') return { path, op: '$eq', value: spec };
  const entries = Object.entries(spec as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [op, value] = entries[0]!;
  if (op === '$null') return { path, op: value === false ? 'notEmpty' : 'empty' };
  if (op === '$ilike' && typeof value === 'string') {
    const inner = /^%(.*)%$/s.exec(value);
    if (inner && !/(^|[^\\])[%_]/.test(inner[1]!)) return { path, op: 'contains', value: unescapeLike(inner[1]!) };
    const start = /^(.*)%$/s.exec(value);
    if (start && !/(^|[^\\])[%_]/.test(start[1]!)) return { path, op: 'startsWith', value: unescapeLike(start[1]!) };
    return undefined;
  }
  if (['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'].includes(op)) return { path, op: op as UiOperator, value };
  return undefined;
}

function rowsOf(filter: Record<string, unknown>): FilterRow[] | undefined {
  const rows: FilterRow[] = [];
  for (const [path, spec] of Object.entries(filter)) {
    if (path.startsWith('$')) return undefined;
    const row = rowFrom(path, spec);
    if (!row) return undefined;
    rows.push(row);
  }
  return rows;
}

/**
 * The builder's state for an API filter (a saved view's, a link's), or undefined when the
 * filter uses something the builder cannot show (nested groups, `$not`, raw patterns).
 */
export function fromApiFilter(filter: Readonly<Record<string, unknown>> | null | undefined): FilterState | undefined {
  if (!filter || Object.keys(filter).length === 0) return EMPTY_FILTER;
  const keys = Object.keys(filter);
  if (keys.length === 1 && (keys[0] === '$and' || keys[0] === '$or')) {
    const list = filter[keys[0]];
    if (!Array.isArray(list)) return undefined;
    const rows: FilterRow[] = [];
    for (const item of list) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return undefined;
      const some = rowsOf(item as Record<string, unknown>);
      if (!some || some.length !== 1) return undefined;
      rows.push(some[0]!);
    }
    return { mode: keys[0] === '$or' ? 'or' : 'and', rows };
  }
  const rows = rowsOf(filter as Record<string, unknown>);
  return rows ? { mode: 'and', rows } : undefined;
}
