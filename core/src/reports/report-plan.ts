import type { ScopeResolver } from '../acl/read-scope.js';
import { columnCodec } from '../data/column-kinds.js';
import { filterToSql } from '../data/filter-to-sql.js';
import { Params, quote } from '../data/sql.js';
import { Errors, isKithError, type ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { bucketLabel, bucketStartSql } from './date-buckets.js';
import { ReportErrors, ReportProblem } from './report-errors.js';
import type { Bucket, GroupInput, ReportQuery } from './report-input.js';
import { planMeasure, type PlannedMeasure } from './report-measures.js';
import { ReportPaths, type ReportColumn } from './report-paths.js';

/** One grouping key planned into SQL. */
export interface PlannedGroup {
  readonly key: string;
  readonly path: string;
  readonly bucket: Bucket | undefined;
  readonly type: string;
  readonly sql: string;
  readonly decode: (raw: unknown) => unknown;
}

/** A report ready to run: every name resolved against the caller's permissions, every value a parameter. */
export interface ReportPlan {
  readonly entity: CompiledEntity;
  readonly groups: readonly PlannedGroup[];
  readonly measures: readonly PlannedMeasure[];
  /** `FROM … LEFT JOIN … WHERE …`, shared by the grouped query and the totals query. */
  readonly fromWhere: string;
  readonly params: readonly unknown[];
  readonly orderBy: string;
  readonly limit: number;
}

/**
 * Plans a report for one caller. The entity must be readable (else 404, as on the records
 * API); every field the report names — grouped, measured, filtered — must be one the caller
 * may read, through each relation it crosses; rows outside the caller's read scope are left
 * out by the WHERE clause, so they never count. All problems are reported at once, each with
 * its path.
 */
export function planReport(model: CompiledModel, query: ReportQuery, scope: ScopeResolver): ReportPlan {
  const entity = model.entities.get(query.entity);
  const own = entity ? scope(entity) : null;
  if (!entity || !own) throw Errors.entityNotFound(query.entity);
  const params = new Params(model.dialect);
  const paths = new ReportPaths(model, entity, scope, params);
  const problems: ErrorDetail[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ReportProblem) problems.push(error.detail);
      else throw error;
      return undefined;
    }
  };
  const keys = new Set<string>();
  const claim = (key: string, at: string) => {
    if (keys.has(key)) throw new ReportProblem(at, 'KITH_REPORT_DUPLICATE_KEY', `Two columns would both be called "${key}"; give one of them another name with "as".`);
    keys.add(key);
  };
  const groups = query.groupBy.flatMap((g, i) => {
    const planned = attempt(() => planGroup(model, paths, g, `groupBy[${i}]`));
    if (planned) attempt(() => claim(planned.key, `groupBy[${i}]`));
    return planned ? [planned] : [];
  });
  const measures = query.measures.flatMap((m, i) => {
    const at = `measures[${i}]`;
    const planned = attempt(() => planMeasure(model.dialect, m, m.field === undefined ? undefined : paths.resolve(m.field, `${at}.field`), at));
    if (planned) attempt(() => claim(planned.key, at));
    return planned ? [planned] : [];
  });
  const where = [`t.${quote(DELETED_AT_COLUMN)} IS NULL`];
  // The caller's row scope is part of the WHERE: a row they cannot read never counts.
  if (own.rowFilter) where.push(`(${filterToSql(model, entity, own.rowFilter, params)})`);
  try {
    const filter = filterToSql(model, entity, query.filter, params, 't', scope);
    if (filter) where.push(`(${filter})`);
  } catch (error) {
    if (!isKithError(error)) throw error;
    problems.push({ field: error.field ? `filter.${error.field}` : 'filter', code: error.code, message: error.message });
  }
  // A sort key naming a column that failed above would only repeat that problem.
  const orderBy = problems.length > 0 ? '' : attempt(() => planOrder(query, groups, measures)) ?? '';
  if (problems.length > 0) throw ReportErrors.invalid(problems);
  return {
    entity,
    groups,
    measures,
    fromWhere: `FROM ${quote(entity.table)} t${paths.joinSql()} WHERE ${where.join(' AND ')}`,
    params: params.values,
    orderBy,
    limit: query.limit,
  };
}

function planGroup(model: CompiledModel, paths: ReportPaths, g: GroupInput, at: string): PlannedGroup {
  const column: ReportColumn = paths.resolve(g.field, typeof g.bucket === 'string' || g.as ? `${at}.field` : at);
  const { ref } = column;
  const type = column.type;
  if (ref.kind === 'json') {
    throw new ReportProblem(at, 'KITH_REPORT_GROUP_INVALID', `${g.field} (${type}) holds lists or documents, which cannot be grouped; group by a select, text, number, date or relation field.`);
  }
  if (g.bucket !== undefined) {
    if (ref.kind !== 'date' && ref.kind !== 'datetime') {
      throw new ReportProblem(`${at}.bucket`, 'KITH_REPORT_GROUP_INVALID', `A bucket groups dates; ${g.field} is ${type}. Leave "bucket" out, or group a date or date-time field.`);
    }
    const bucket = g.bucket;
    return { key: g.as ?? `${g.field}:${bucket}`, path: g.field, bucket, type, sql: bucketStartSql(model.dialect, column.sql, ref.kind, bucket), decode: (raw) => bucketLabel(bucket, raw) };
  }
  const fromDb = columnCodec(model.dialect, ref.kind).fromDb;
  return { key: g.as ?? g.field, path: g.field, bucket: undefined, type, sql: column.sql, decode: (raw) => (raw === null || raw === undefined ? null : fromDb(raw)) };
}

/** ORDER BY from `sort` (column keys), then the remaining group keys, so the order is total. Empty values last. */
function planOrder(query: ReportQuery, groups: readonly PlannedGroup[], measures: readonly PlannedMeasure[]): string {
  if (groups.length === 0) return '';
  const bySql = new Map<string, string>([...groups.map((g) => [g.key, g.sql] as const), ...measures.map((m) => [m.key, m.sortSql] as const)]);
  const terms: string[] = [];
  const used = new Set<string>();
  query.sort.forEach((s, i) => {
    const desc = s.startsWith('-');
    const key = desc ? s.slice(1) : s;
    const sql = bySql.get(key);
    if (!sql) throw new ReportProblem(`sort[${i}]`, 'KITH_REPORT_SORT_INVALID', `"${key}" is not a column of this report; sort by one of: ${[...bySql.keys()].join(', ')} (with "-" first for descending).`);
    if (used.has(key)) return;
    used.add(key);
    terms.push(`${sql} ${desc ? 'DESC' : 'ASC'} NULLS LAST`);
  });
  for (const g of groups) if (!used.has(g.key)) terms.push(`${g.sql} ASC NULLS LAST`);
  return terms.join(', ');
}
