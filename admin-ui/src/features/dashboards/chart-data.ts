import type { EntityMeta, FieldMeta } from '../../api/types.js';
import { formatDate, formatMoney, formatValue, pathLabel } from '../../app/format.js';
import type { I18n } from '../../app/i18n.js';
import type { MessageKey } from '../../app/messages.js';
import type { Chart, ReportColumn, ReportResult } from './dashboard-api.js';

/** One line or set of bars: a value per label (null where the group has none, or amounts in several currencies). */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** The currency of every amount, when the measure is money. */
  readonly currency?: string;
}

/** What to draw for a widget. */
export type ChartModel =
  | { readonly kind: 'number'; readonly tiles: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'bar' | 'line' | 'area' | 'pie'; readonly labels: readonly string[]; readonly series: readonly ChartSeries[]; readonly stacked: boolean; readonly axis: string }
  | { readonly kind: 'table' };

/** The same figures as text, for the table under each chart (screen readers, and anyone who wants the numbers). */
export interface TableModel {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly totals: readonly string[];
}

/** A widget's chart and table, with notes about what is not shown. */
export interface WidgetModel {
  readonly chart: ChartModel;
  readonly table: TableModel;
  readonly notes: readonly MessageKey[];
}

/** What turning a result into text needs: the language, and the entities for labels and options. */
export interface ChartContext {
  readonly i18n: I18n;
  readonly entities: readonly EntityMeta[];
}

type GroupColumn = Extract<ReportColumn, { role: 'group' }>;
type MeasureColumn = Extract<ReportColumn, { role: 'measure' }>;
type Money = { readonly amount: number; readonly currency: string };
const isMoney = (v: unknown): v is Money => typeof v === 'object' && v !== null && typeof (v as Money).amount === 'number' && typeof (v as Money).currency === 'string';

/** The field a report path ends on, following relations (`company.industry`); undefined for a composite's part or a system field. */
export function fieldAt(entities: readonly EntityMeta[], entityName: string, path: string): { entity: EntityMeta; field: FieldMeta | undefined; rest: string } | undefined {
  let entity = entities.find((e) => e.name === entityName);
  const parts = path.split('.');
  while (entity) {
    const field = entity.fields.find((f) => f.name === parts[0]);
    if (field?.type === 'relation' && parts.length > 1 && field.target) {
      entity = entities.find((e) => e.name === field.target);
      parts.shift();
      continue;
    }
    return { entity, field: parts.length === 1 ? field : undefined, rest: parts.join('.') };
  }
  return undefined;
}

/** The label of a report path: the last field's label, after its relation's (`Company › Industry`). */
export function reportPathLabel(ctx: ChartContext, entityName: string, path: string): string {
  const labels: string[] = [];
  let entity = ctx.entities.find((e) => e.name === entityName);
  const parts = path.split('.');
  while (entity && parts.length > 0) {
    const field = entity.fields.find((f) => f.name === parts[0]);
    if (field?.type === 'relation' && parts.length > 1 && field.target) {
      labels.push(ctx.i18n.label(field.label, field.name));
      entity = ctx.entities.find((e) => e.name === field.target);
      parts.shift();
      continue;
    }
    labels.push(pathLabel(entity, parts.join('.'), ctx.i18n));
    return labels.join(' › ');
  }
  return path;
}

/** A date bucket's label in the user's language (`2026-03` → "Mar 2026", `2026-Q1` → "Q1 2026"). */
export function bucketLabel(bucket: string, value: string, ctx: ChartContext): string {
  const { locale } = ctx.i18n;
  if (bucket === 'day') return formatDate(value, locale);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (bucket === 'month' && month) return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (bucket === 'quarter' && quarter) return ctx.i18n.t('dash.quarter', { year: quarter[1]!, q: quarter[2]! });
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (bucket === 'week' && week) return ctx.i18n.t('dash.week', { year: week[1]!, w: String(Number(week[2])) });
  return value;
}

/** A group key's value as text: an option's label, a date in the user's format, a bucket's label; "(empty)" for none. */
export function groupLabel(column: GroupColumn, value: unknown, entityName: string, ctx: ChartContext): string {
  if (value === null || value === undefined || value === '') return ctx.i18n.t('dash.noValue');
  if (column.bucket) return bucketLabel(column.bucket, String(value), ctx);
  const at = fieldAt(ctx.entities, entityName, column.path);
  return formatValue(at?.field, at?.rest ?? column.path, value, ctx.i18n) || String(value);
}

/** A measure's value as a number for a chart: money by its amount; null for none, or for text and dates (min/max), which no axis can show. */
export function measureNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (isMoney(value)) return value.amount;
  return null;
}

/** A measure's value as text in the user's locale. */
export function measureText(column: MeasureColumn, value: unknown, ctx: ChartContext): string {
  const { locale } = ctx.i18n;
  if (value === null || value === undefined) return '—';
  if (isMoney(value)) return formatMoney(value, locale);
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: column.op === 'avg' ? 2 : 4 }).format(value) + (column.type === 'percent' ? ' %' : '');
  if (column.type === 'date') return formatDate(String(value), locale);
  return String(value);
}

/** A measure's heading: "Count", "Sum · Amount". */
export function measureLabel(column: MeasureColumn, entityName: string, ctx: ChartContext): string {
  const op = ctx.i18n.t(`dash.op.${column.op}` as MessageKey);
  return column.path ? `${op} · ${reportPathLabel(ctx, entityName, column.path)}` : op;
}

function currencyOf(values: readonly unknown[]): string | undefined {
  const codes = new Set(values.filter(isMoney).map((v) => v.currency));
  return codes.size === 1 ? [...codes][0] : undefined;
}

/**
 * The rows with select values in the order of the field's options (Gold, Silver, Bronze), as a
 * reader expects them, instead of the report's default order by stored value; other keys keep
 * their order (dates by time). Used when the widget's report names no sort of its own.
 */
export function inOptionOrder(result: ReportResult, ctx: ChartContext): ReportResult {
  const keys = result.columns
    .filter((c): c is GroupColumn => c.role === 'group')
    .map((c) => ({ key: c.key, options: c.bucket ? undefined : fieldAt(ctx.entities, result.entity, c.path)?.field?.options }));
  if (!keys.some((k) => k.options)) return result;
  const index = new Map(result.rows.map((row, i) => [row, i]));
  const rank = (options: readonly { value: string }[], value: unknown) => {
    const i = options.findIndex((o) => o.value === value);
    return i === -1 ? options.length : i;
  };
  // Key by key, so a key before a select one still leads (month, then tier in each month).
  const compare = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => {
    for (const { key, options } of keys) {
      if (a[key] === b[key]) continue;
      return options ? rank(options, a[key]) - rank(options, b[key]) : index.get(a)! - index.get(b)!;
    }
    return index.get(a)! - index.get(b)!;
  };
  return { ...result, rows: [...result.rows].sort(compare) };
}

const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];

/**
 * Turns a report's answer into what a widget draws: a tile per measure for a total (or a report
 * without groups); bars (or a line, an area, a pie) over one group key; over two keys, the date
 * bucket (else the first key) along the axis and one series per value of the other, stacked as
 * bars. The table carries the same figures as text, with the totals.
 */
export function toWidgetModel(answer: ReportResult, chart: Chart, ctx: ChartContext, options: { readonly sorted?: boolean } = {}): WidgetModel {
  const result = options.sorted ? answer : inOptionOrder(answer, ctx);
  const groups = result.columns.filter((c): c is GroupColumn => c.role === 'group');
  const measures = result.columns.filter((c): c is MeasureColumn => c.role === 'measure');
  const entity = result.entity;
  const notes: MessageKey[] = [];
  if (result.truncated) notes.push('dash.truncated');
  if (result.warnings?.some((w) => w.code === 'KITH_REPORT_MIXED_CURRENCIES')) notes.push('dash.mixed');

  const table: TableModel = {
    headers: [...groups.map((g) => reportPathLabel(ctx, entity, g.path)), ...measures.map((m) => measureLabel(m, entity, ctx))],
    rows: result.rows.map((row) => [...groups.map((g) => groupLabel(g, row[g.key], entity, ctx)), ...measures.map((m) => measureText(m, row[m.key], ctx))]),
    totals: groups.length === 0 ? [] : [ctx.i18n.t('dash.total'), ...groups.slice(1).map(() => ''), ...measures.map((m) => measureText(m, result.totals[m.key], ctx))],
  };

  if (chart === 'table') return { chart: { kind: 'table' }, table, notes };
  if (chart === 'number' || groups.length === 0) {
    const source = groups.length === 0 && result.rows[0] ? result.rows[0] : result.totals;
    return { chart: { kind: 'number', tiles: measures.map((m) => ({ label: measureLabel(m, entity, ctx), value: measureText(m, source[m.key], ctx) })) }, table, notes };
  }
  const kind = chart;
  if (groups.length === 1 || kind === 'pie') {
    const g = groups[0]!;
    const shown = kind === 'pie' ? measures.slice(0, 1) : measures;
    return {
      chart: {
        kind,
        labels: result.rows.map((row) => groupLabel(g, row[g.key], entity, ctx)),
        series: shown.map((m) => {
          const raw = result.rows.map((row) => row[m.key]);
          const currency = currencyOf(raw);
          return { label: measureLabel(m, entity, ctx), values: raw.map(measureNumber), ...(currency ? { currency } : {}) };
        }),
        stacked: false,
        axis: reportPathLabel(ctx, entity, g.path),
      },
      table,
      notes,
    };
  }
  // Two keys: time along the axis when one of them is a date bucket, one series per value of the other.
  const x = groups[1]!.bucket && !groups[0]!.bucket ? groups[1]! : groups[0]!;
  const s = x === groups[0] ? groups[1]! : groups[0]!;
  const m = measures[0]!;
  const xKeys = unique(result.rows.map((row) => String(row[x.key] ?? '')));
  const sKeys = unique(result.rows.map((row) => String(row[s.key] ?? '')));
  const cell = new Map(result.rows.map((row) => [`${String(row[x.key] ?? '')}\u0000${String(row[s.key] ?? '')}`, row[m.key]]));
  const currency = currencyOf([...cell.values()]);
  return {
    chart: {
      kind,
      labels: xKeys.map((k) => groupLabel(x, k, entity, ctx)),
      series: sKeys.map((sk) => ({ label: groupLabel(s, sk, entity, ctx), values: xKeys.map((xk) => measureNumber(cell.get(`${xk}\u0000${sk}`))), ...(currency ? { currency } : {}) })),
      stacked: kind === 'bar',
      axis: reportPathLabel(ctx, entity, x.path),
    },
    table,
    notes,
  };
}
