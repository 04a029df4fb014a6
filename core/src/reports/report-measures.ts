import { columnCodec } from '../data/column-kinds.js';
import type { Dialect } from '../metadata/field-types/field-type.js';
import { ReportProblem } from './report-errors.js';
import type { MeasureInput } from './report-input.js';
import type { ReportColumn } from './report-paths.js';

/** How a part's per-group values combine into the total. */
export type PartKind = 'count' | 'sum' | 'min' | 'max';

/** One aggregate the SQL computes; a measure is made of one or more. */
export interface MeasurePart {
  readonly kind: PartKind;
  readonly sql: string;
  /** False when JavaScript cannot combine group values the way the database would (text order is the database's collation). */
  readonly mergeable: boolean;
}

/** A measure planned into SQL parts, and how to turn part values into the answer. */
export interface PlannedMeasure {
  readonly key: string;
  readonly op: MeasureInput['op'];
  readonly path: string | undefined;
  readonly type: string;
  readonly parts: readonly MeasurePart[];
  /** What ORDER BY uses for this measure. */
  readonly sortSql: string;
  /** Part values (raw from the driver, or merged) → the value shown; `mixed` when amounts in several currencies met. */
  finish(values: readonly unknown[]): { value: unknown; mixed?: true };
}

const ID_COLUMNS = new Set(['id', 'created_by', 'updated_by']);

function isNumeric(column: ReportColumn): boolean {
  const { ref } = column;
  if (ref.kind !== 'integer' && ref.kind !== 'decimal') return false;
  if (ref.field) return ref.field.def.type !== 'relation' && ref.field.def.type !== 'user';
  return !ID_COLUMNS.has(ref.column);
}

/** Rounds away the binary noise of summing doubles (SQLite) to the column's scale. */
function rounder(column: ReportColumn | undefined): (n: number) => number {
  const scale = column?.ref.kind === 'decimal' ? column.ref.field?.columns.find((c) => c.name === column.ref.column)?.spec.scale ?? 2 : undefined;
  if (scale === undefined) return (n) => n;
  const factor = 10 ** scale;
  return (n) => Math.round(n * factor) / factor;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Default key of a measure: `count`, or `op:path`. */
export function measureKey(m: MeasureInput): string {
  return m.as ?? (m.field === undefined ? m.op : `${m.op}:${m.field}`);
}

/**
 * Plans one measure. sum and avg take numbers; min and max numbers, dates, date-times and
 * text; count counts rows, or the rows where the field is set. A bare currency field
 * (`amount`) is measured with its code: the result is `{ amount, currency }`, and a group
 * that holds several currencies gets no number rather than a wrong one (address
 * `amount.amount` to add the numbers regardless).
 */
export function planMeasure(dialect: Dialect, m: MeasureInput, column: ReportColumn | undefined, at: string): PlannedMeasure {
  const key = measureKey(m);
  const type = column ? column.type : 'integer';
  if (m.op === 'count') {
    const sql = column ? `COUNT(${column.sql})` : 'COUNT(*)';
    return { key, op: m.op, path: m.field, type: 'integer', parts: [{ kind: 'count', sql, mergeable: true }], sortSql: sql, finish: ([v]) => ({ value: Number(v ?? 0) }) };
  }
  const c = column!;
  const numeric = isNumeric(c);
  const ordered = numeric || c.ref.kind === 'date' || c.ref.kind === 'datetime' || c.ref.kind === 'text';
  if ((m.op === 'sum' || m.op === 'avg') && !numeric) {
    throw new ReportProblem(`${at}.field`, 'KITH_REPORT_MEASURE_INVALID', `${m.op} adds numbers, and ${c.path} (${type}) is not a number; use count${ordered ? ', min or max' : ''} instead.`);
  }
  if (!ordered) throw new ReportProblem(`${at}.field`, 'KITH_REPORT_MEASURE_INVALID', `${m.op} needs values that have an order (numbers, dates, text), and ${c.path} is ${type}; use count instead.`);
  const round = rounder(c);
  const fromDb = columnCodec(dialect, c.ref.kind).fromDb;
  const parts: MeasurePart[] =
    m.op === 'avg'
      ? [{ kind: 'sum', sql: `SUM(${c.sql})`, mergeable: true }, { kind: 'count', sql: `COUNT(${c.sql})`, mergeable: true }]
      : [{ kind: m.op, sql: `${m.op.toUpperCase()}(${c.sql})`, mergeable: numeric || c.ref.kind !== 'text' }];
  const sortSql = m.op === 'avg' ? `AVG(${c.sql})` : parts[0]!.sql;
  const scalar = (values: readonly unknown[]): unknown => {
    if (m.op === 'avg') {
      const [sum, count] = [num(values[0]), num(values[1])];
      return sum === null || !count ? null : sum / count;
    }
    const v = values[0];
    if (v === null || v === undefined) return null;
    return numeric ? round(Number(v)) : fromDb(v);
  };
  if (!c.currencySql) return { key, op: m.op, path: m.field, type, parts, sortSql, finish: (values) => ({ value: scalar(values) }) };
  const codes: MeasurePart[] = [
    { kind: 'min', sql: `MIN(${c.currencySql})`, mergeable: true },
    { kind: 'max', sql: `MAX(${c.currencySql})`, mergeable: true },
  ];
  return {
    key,
    op: m.op,
    path: m.field,
    type,
    parts: [...parts, ...codes],
    sortSql,
    finish: (values) => {
      const amount = scalar(values.slice(0, parts.length));
      const [low, high] = values.slice(parts.length) as (string | null)[];
      if (amount === null) return { value: null };
      if (low !== high) return { value: null, mixed: true };
      return { value: { amount, currency: low ?? c.currencyDefault ?? 'XXX' } };
    },
  };
}

/** Combines one part's values over groups into the value over all of them. */
export function mergePart(kind: PartKind, values: readonly unknown[]): unknown {
  const present = values.filter((v) => v !== null && v !== undefined);
  switch (kind) {
    case 'count':
      return present.reduce<number>((a, v) => a + Number(v), 0);
    case 'sum':
      return present.length === 0 ? null : present.reduce<number>((a, v) => a + Number(v), 0);
    case 'min':
      return present.length === 0 ? null : present.reduce((a, v) => (compare(v, a) < 0 ? v : a));
    case 'max':
      return present.length === 0 ? null : present.reduce((a, v) => (compare(v, a) > 0 ? v : a));
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
