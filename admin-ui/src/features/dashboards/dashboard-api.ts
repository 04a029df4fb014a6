import { api } from '../../api/client.js';

/** Chart kinds a widget may ask for (the server's list). */
export const CHARTS = ['bar', 'line', 'area', 'pie', 'table', 'number'] as const;
/** One chart kind. */
export type Chart = (typeof CHARTS)[number];

/** Date buckets a report may group a date by. */
export const BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** One date bucket. */
export type Bucket = (typeof BUCKETS)[number];

/** Aggregates a measure may compute. */
export const OPS = ['count', 'sum', 'avg', 'min', 'max'] as const;
/** One aggregate. */
export type Op = (typeof OPS)[number];

/** A report as `POST /api/v1/reports/query` takes it. */
export interface ReportQuery {
  readonly entity: string;
  readonly filter?: Readonly<Record<string, unknown>>;
  readonly groupBy?: readonly (string | { readonly field: string; readonly bucket?: Bucket; readonly as?: string })[];
  readonly measures?: readonly { readonly op: Op; readonly field?: string; readonly as?: string }[];
  readonly sort?: readonly string[];
  readonly limit?: number;
}

/** A column of a report's answer. */
export type ReportColumn =
  | { readonly key: string; readonly role: 'group'; readonly path: string; readonly type: string; readonly bucket?: Bucket }
  | { readonly key: string; readonly role: 'measure'; readonly op: string; readonly path?: string; readonly type: string };

/** A report's answer. */
export interface ReportResult {
  readonly entity: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly totals: Readonly<Record<string, unknown>>;
  readonly truncated: boolean;
  readonly warnings?: readonly { readonly code: string; readonly message: string; readonly field?: string }[];
}

/** A saved report shown as a chart. */
export interface Widget {
  readonly title: string;
  readonly chart: Chart;
  readonly report: ReportQuery;
  readonly layout?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

/** A dashboard as its reader gets it (`mine`: they may change it). */
export interface Dashboard {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly ownerId: number;
  readonly shared: boolean;
  readonly widgets: readonly Widget[];
  readonly version: number;
  readonly mine: boolean;
}

/** What a dashboard is saved from. */
export interface DashboardInput {
  readonly name: string;
  readonly description?: string | null;
  readonly shared: boolean;
  readonly widgets: readonly Widget[];
}

/** One widget's figures for the reader, or the problem the reports API gives them. */
export type WidgetData =
  | { readonly index: number; readonly title: string; readonly chart: Chart; readonly result: ReportResult }
  | { readonly index: number; readonly title: string; readonly chart: Chart; readonly error: { readonly status?: number; readonly code?: string; readonly detail?: string } };

const base = '/dashboards';

/** The dashboards API (`/api/v1/dashboards`). */
export const dashboardsApi = {
  list: (signal?: AbortSignal) => api<{ data: Dashboard[] }>('GET', base, undefined, signal ? { signal } : {}).then((r) => r.data),
  get: (id: number, signal?: AbortSignal) => api<Dashboard>('GET', `${base}/${id}`, undefined, signal ? { signal } : {}),
  data: (id: number, signal?: AbortSignal) => api<{ id: number; widgets: WidgetData[] }>('GET', `${base}/${id}/data`, undefined, signal ? { signal } : {}),
  create: (input: DashboardInput) => api<Dashboard>('POST', base, input),
  update: (id: number, version: number, input: DashboardInput) => api<Dashboard>('PATCH', `${base}/${id}`, { ...input, version }),
  remove: (id: number) => api<void>('DELETE', `${base}/${id}`),
};
