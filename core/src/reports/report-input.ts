import type { ErrorDetail } from '../errors/index.js';

/** Date buckets a report may group a date or date-time field by (`week` is the ISO week, Monday first). */
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** One date bucket. */
export type Bucket = (typeof BUCKETS)[number];

/** Aggregates a report measure may compute. */
export const REPORT_OPS = ['count', 'sum', 'avg', 'min', 'max'] as const;
/** One aggregate. */
export type ReportOp = (typeof REPORT_OPS)[number];

/** One grouping key: a field path (`stage`, `amount.currency`, `company.industry`), optionally bucketed by date. */
export interface GroupInput {
  readonly field: string;
  readonly bucket?: Bucket;
  /** The key the column gets in each row; default `field` or `field:bucket`. */
  readonly as?: string;
}

/** One measure: `count` (rows, or rows where `field` is set), or an aggregate of a field. */
export interface MeasureInput {
  readonly op: ReportOp;
  readonly field?: string;
  /** The key the column gets in each row; default `count` or `op:field`. */
  readonly as?: string;
}

/** A report query as the API takes it, checked for shape (fields are resolved later, against the caller's permissions). */
export interface ReportQuery {
  readonly entity: string;
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly groupBy: readonly GroupInput[];
  readonly measures: readonly MeasureInput[];
  /** Column keys, `-` first for descending. */
  readonly sort: readonly string[];
  readonly limit: number;
}

/** Most groups one report returns. */
export const MAX_REPORT_ROWS = 10_000;
const DEFAULT_REPORT_ROWS = 1_000;
const MAX_GROUP_KEYS = 4;
const MAX_MEASURES = 12;
const MAX_SORT_KEYS = 8;
const KEY = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){0,3}$/;
const TOP_LEVEL = ['entity', 'filter', 'groupBy', 'measures', 'sort', 'limit'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v));

/**
 * Checks the shape of a report body and returns it typed, or every problem found, each naming
 * its path (`measures[0].op`). `prefix` places the paths inside a larger body (a dashboard's
 * `widgets[2].report`).
 */
export function readReportQuery(body: unknown, prefix = ''): { query?: ReportQuery; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const at = (path: string) => (prefix ? (path ? `${prefix}.${path}` : prefix) : path || '(body)');
  const bad = (path: string, message: string) => problems.push({ field: at(path), code: 'KITH_REPORT_INVALID', message });
  if (!isObject(body)) {
    bad('', 'A report is a JSON object such as {"entity":"deal","groupBy":["stage"],"measures":[{"op":"count"}]}.');
    return { problems };
  }
  for (const key of Object.keys(body)) if (!TOP_LEVEL.includes(key)) bad(key, `"${key}" is not part of a report; use: ${TOP_LEVEL.join(', ')}.`);
  const entity = body.entity;
  if (typeof entity !== 'string' || entity === '') bad('entity', 'Name the entity to report on, e.g. "entity": "deal".');
  const filter = body.filter;
  if (filter !== undefined && filter !== null && !isObject(filter)) bad('filter', 'filter is a JSON object in the records API\'s filter language, e.g. {"stage":"won"}.');
  const groupBy = readList(body.groupBy, 'groupBy', MAX_GROUP_KEYS, bad).map((item, i) => readGroup(item, `groupBy[${i}]`, bad));
  const rawMeasures = body.measures === undefined ? [{ op: 'count' }] : body.measures;
  const measures = readList(rawMeasures, 'measures', MAX_MEASURES, bad).map((item, i) => readMeasure(item, `measures[${i}]`, bad));
  if (Array.isArray(rawMeasures) && rawMeasures.length === 0) bad('measures', 'Give at least one measure, e.g. [{"op":"count"}].');
  const sort = readList(body.sort, 'sort', MAX_SORT_KEYS, bad).flatMap((s, i) => {
    if (typeof s === 'string' && /^-?[^-\s]/.test(s) && s.length <= 70) return [s];
    bad(`sort[${i}]`, `A sort key is a column key of the report, with "-" first for descending (e.g. "-count"); got ${show(s)}.`);
    return [];
  });
  let limit = DEFAULT_REPORT_ROWS;
  if (body.limit !== undefined) {
    if (typeof body.limit === 'number' && Number.isInteger(body.limit) && body.limit >= 1 && body.limit <= MAX_REPORT_ROWS) limit = body.limit;
    else bad('limit', `limit is a whole number from 1 to ${MAX_REPORT_ROWS.toLocaleString('en-US')} (the most groups a report returns); got ${show(body.limit)}.`);
  }
  if (problems.length > 0) return { problems };
  const query: ReportQuery = {
    entity: entity as string,
    ...(isObject(filter) ? { filter } : {}),
    groupBy: groupBy as GroupInput[],
    measures: measures as MeasureInput[],
    sort,
    limit,
  };
  return { query, problems };
}

function readList(value: unknown, path: string, max: number, bad: (path: string, message: string) => void): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    bad(path, `${path} is a list.`);
    return [];
  }
  if (value.length > max) {
    bad(path, `${path} takes at most ${max} entries; this one has ${value.length}.`);
    return [];
  }
  return value;
}

function readPath(value: unknown, path: string, bad: (path: string, message: string) => void): string | undefined {
  if (typeof value === 'string' && PATH.test(value)) return value;
  bad(path, `A field is named by its path: "stage", "amount.currency" or "company.industry"; got ${show(value)}.`);
  return undefined;
}

function readAs(value: unknown, path: string, bad: (path: string, message: string) => void): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && KEY.test(value)) return value;
  bad(path, `"as" is a column key of up to 64 letters, digits, "_", ".", ":" or "-", starting with a letter; got ${show(value)}.`);
  return undefined;
}

function readGroup(item: unknown, path: string, bad: (path: string, message: string) => void): GroupInput | undefined {
  if (typeof item === 'string') {
    const field = readPath(item, path, bad);
    return field === undefined ? undefined : { field };
  }
  if (!isObject(item)) {
    bad(path, 'A grouping is a field path ("stage") or {"field":"closeDate","bucket":"month"}.');
    return undefined;
  }
  for (const key of Object.keys(item)) if (!['field', 'bucket', 'as'].includes(key)) bad(`${path}.${key}`, `"${key}" is not part of a grouping; use field, bucket, as.`);
  const field = readPath(item.field, `${path}.field`, bad);
  let bucket: Bucket | undefined;
  if (item.bucket !== undefined) {
    if (typeof item.bucket === 'string' && (BUCKETS as readonly string[]).includes(item.bucket)) bucket = item.bucket as Bucket;
    else bad(`${path}.bucket`, `bucket is one of ${BUCKETS.join(', ')}; got ${show(item.bucket)}.`);
  }
  const as = readAs(item.as, `${path}.as`, bad);
  return field === undefined ? undefined : { field, ...(bucket ? { bucket } : {}), ...(as ? { as } : {}) };
}

function readMeasure(item: unknown, path: string, bad: (path: string, message: string) => void): MeasureInput | undefined {
  if (!isObject(item)) {
    bad(path, 'A measure is {"op":"count"} or {"op":"sum","field":"amount"}.');
    return undefined;
  }
  for (const key of Object.keys(item)) if (!['op', 'field', 'as'].includes(key)) bad(`${path}.${key}`, `"${key}" is not part of a measure; use op, field, as.`);
  const op = item.op;
  if (typeof op !== 'string' || !(REPORT_OPS as readonly string[]).includes(op)) {
    bad(`${path}.op`, `op is one of ${REPORT_OPS.join(', ')}; got ${show(op)}.`);
    return undefined;
  }
  let field: string | undefined;
  if (item.field !== undefined) field = readPath(item.field, `${path}.field`, bad);
  else if (op !== 'count') bad(`${path}.field`, `${op} needs a field, e.g. {"op":"${op}","field":"amount"}.`);
  const as = readAs(item.as, `${path}.as`, bad);
  return { op: op as ReportOp, ...(field ? { field } : {}), ...(as ? { as } : {}) };
}
