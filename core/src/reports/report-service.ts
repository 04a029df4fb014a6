import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { isKithError, type ErrorDetail } from '../errors/index.js';
import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import { ReportErrors } from './report-errors.js';
import { readReportQuery, type Bucket, type ReportQuery } from './report-input.js';
import { mergePart, type PlannedMeasure } from './report-measures.js';
import { planReport, type ReportPlan } from './report-plan.js';

/** A column of a report's answer. */
export type ReportColumnInfo =
  | { readonly key: string; readonly role: 'group'; readonly path: string; readonly type: string; readonly bucket?: Bucket }
  | { readonly key: string; readonly role: 'measure'; readonly op: string; readonly path?: string; readonly type: string };

/** A report's answer: one row per group, and the totals over every row in scope that matched the filter. */
export interface ReportResult {
  readonly entity: string;
  readonly columns: readonly ReportColumnInfo[];
  readonly rows: readonly Record<string, unknown>[];
  /** The measures over all matching rows, whatever `limit` cut from `rows` (an average of the rows, not of the groups). */
  readonly totals: Record<string, unknown>;
  /** True when there were more groups than `limit`. */
  readonly truncated: boolean;
  readonly warnings?: readonly ErrorDetail[];
}

/**
 * Runs reports: one grouped aggregate query over the caller's scope. The totals come from the
 * groups themselves when all of them were returned and JavaScript can combine them exactly
 * (counts, sums, and the extremes of numbers and dates); otherwise — groups cut by `limit`, or
 * the extremes of text, which follow the database's collation — from a second aggregate query
 * with the same FROM and WHERE.
 */
export class ReportService {
  constructor(
    private readonly reader: SqlExecutor,
    private readonly model: () => CompiledModel,
  ) {}

  /** Checks and runs a report body for `actor`. */
  async query(body: unknown, actor: Actor): Promise<ReportResult> {
    const { query, problems } = readReportQuery(body);
    if (!query) throw ReportErrors.invalid(problems);
    return this.run(query, actor);
  }

  /**
   * Checks a report body for `actor` without running it, returning the problems instead of
   * throwing them, with paths under `prefix` (a dashboard checks each widget's report this way,
   * so it saves only reports its owner could run).
   */
  inspect(body: unknown, actor: Actor, prefix = ''): { query?: ReportQuery; problems: ErrorDetail[] } {
    const { query, problems } = readReportQuery(body, prefix);
    if (!query) return { problems };
    try {
      planReport(this.model(), query, readScopes(this.model(), actor));
      return { query, problems: [] };
    } catch (error) {
      if (!isKithError(error)) throw error;
      const under = (field: string | undefined) => (prefix ? `${prefix}.${field ?? ''}` : field ?? '(body)');
      if (error.code === 'KITH_REPORT_INVALID') return { problems: error.errors.map((d) => ({ ...d, field: under(d.field) })) };
      if (error.code === 'KITH_ENTITY_NOT_FOUND') return { problems: [{ field: under('entity'), code: error.code, message: error.message }] };
      throw error;
    }
  }

  /** Runs a checked query for `actor`. */
  async run(query: ReportQuery, actor: Actor): Promise<ReportResult> {
    const model = this.model();
    const plan = planReport(model, query, readScopes(model, actor));
    const parts = plan.measures.flatMap((m) => m.parts);
    const groupSql = plan.groups.map((g) => g.sql);
    const select = [...groupSql, ...parts.map((p) => p.sql)].join(', ');
    const grouped = plan.groups.length > 0;
    const sql = grouped
      ? `SELECT ${select} ${plan.fromWhere} GROUP BY ${groupSql.join(', ')} ORDER BY ${plan.orderBy} LIMIT ${plan.limit + 1}`
      : `SELECT ${select} ${plan.fromWhere}`;
    const raw = await this.reader.all(sql, plan.params);
    const truncated = raw.length > plan.limit;
    const groupRows = truncated ? raw.slice(0, plan.limit) : raw;
    const warnings = new Map<string, ErrorDetail>();
    const rows = groupRows.map((r) => this.row(plan, r, warnings));
    const totalParts = grouped && (truncated || parts.some((p) => !p.mergeable))
      ? (await this.reader.all(`SELECT ${parts.map((p) => p.sql).join(', ')} ${plan.fromWhere}`, plan.params))[0] ?? []
      : grouped
        ? parts.map((p, i) => mergePart(p.kind, groupRows.map((r) => r[plan.groups.length + i])))
        : (groupRows[0] ?? []);
    const totals = this.measuresOf(plan.measures, totalParts, warnings, 'totals');
    return {
      entity: plan.entity.name,
      columns: columns(plan),
      rows,
      totals,
      truncated,
      ...(warnings.size > 0 ? { warnings: [...warnings.values()] } : {}),
    };
  }

  private row(plan: ReportPlan, raw: readonly unknown[], warnings: Map<string, ErrorDetail>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    plan.groups.forEach((g, i) => {
      out[g.key] = g.decode(raw[i]);
    });
    return Object.assign(out, this.measuresOf(plan.measures, raw.slice(plan.groups.length), warnings, 'rows'));
  }

  private measuresOf(measures: readonly PlannedMeasure[], values: readonly unknown[], warnings: Map<string, ErrorDetail>, where: 'rows' | 'totals'): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let at = 0;
    measures.forEach((m, i) => {
      const { value, mixed } = m.finish(values.slice(at, at + m.parts.length));
      at += m.parts.length;
      out[m.key] = value;
      if (mixed && !warnings.has(`${m.key}|${where}`)) {
        warnings.set(`${m.key}|${where}`, {
          field: `measures[${i}]`,
          code: 'KITH_REPORT_MIXED_CURRENCIES',
          message: `${m.path} holds amounts in more than one currency ${where === 'rows' ? 'within some groups' : 'over all rows'}, so "${m.key}" is empty there: group by ${m.path}.currency, filter to one currency, or measure ${m.path}.amount to add the numbers regardless.`,
        });
      }
    });
    return out;
  }
}

function columns(plan: ReportPlan): ReportColumnInfo[] {
  return [
    ...plan.groups.map((g): ReportColumnInfo => ({ key: g.key, role: 'group', path: g.path, type: g.type, ...(g.bucket ? { bucket: g.bucket } : {}) })),
    ...plan.measures.map((m): ReportColumnInfo => ({ key: m.key, role: 'measure', op: m.op, ...(m.path ? { path: m.path } : {}), type: m.type })),
  ];
}
