import type { FilterPath } from '../../api/types.js';
import { EMPTY_FILTER, fromApiFilter, toApiFilter, type FilterState } from '../records/filter-model.js';
import { BUCKETS, type Bucket, type Chart, type Op, type Widget } from './dashboard-api.js';

/** One grouping key being edited: a path, and a bucket when the path is a date. */
export interface GroupDraft {
  readonly path: string;
  readonly bucket?: Bucket;
}

/** A widget as the editor holds it. */
export interface WidgetDraft {
  readonly title: string;
  readonly chart: Chart;
  readonly entity: string;
  readonly groups: readonly GroupDraft[];
  readonly op: Op;
  readonly field?: string;
  /** The builder's conditions; `rawFilter` keeps a saved filter the builder cannot show, untouched. */
  readonly filter: FilterState;
  readonly rawFilter?: Readonly<Record<string, unknown>>;
  readonly width: number;
}

const dated = (p: FilterPath | undefined) => p?.kind === 'date' || p?.kind === 'datetime';

/** Paths a report may group by: not lists or documents, not the id (every group would be one record). */
export const groupablePaths = (paths: readonly FilterPath[]) => paths.filter((p) => p.kind !== 'json' && p.type !== 'multiSelect' && p.path !== 'id');

/** Paths an aggregate may measure: numbers for sum and average, numbers and dates for the extremes, any field for a count of the set ones. */
export function measurablePaths(paths: readonly FilterPath[], op: Op): FilterPath[] {
  if (op === 'sum' || op === 'avg') return paths.filter((p) => (p.kind === 'integer' || p.kind === 'decimal') && p.path !== 'id' && !['createdBy', 'updatedBy'].includes(p.path) && p.type !== 'relation' && p.type !== 'user');
  if (op === 'min' || op === 'max') return paths.filter((p) => ['integer', 'decimal', 'date', 'datetime'].includes(p.kind) && p.path !== 'id' && p.type !== 'relation' && p.type !== 'user');
  return [];
}

/** A group key for `path`: dates grouped by month unless a bucket was chosen. */
export function groupFor(path: string, paths: readonly FilterPath[], bucket?: Bucket): GroupDraft {
  const p = paths.find((x) => x.path === path);
  return dated(p) ? { path, bucket: bucket ?? 'month' } : { path };
}

/** A new widget on `entity`: a count of its records by its first select field, as bars. */
export function newWidget(entity: string, paths: readonly FilterPath[], title: string): WidgetDraft {
  const first = paths.find((p) => p.type === 'select') ?? groupablePaths(paths)[0];
  return { title, chart: 'bar', entity, groups: first ? [groupFor(first.path, paths)] : [], op: 'count', filter: EMPTY_FILTER, width: 6 };
}

/** The editor's draft of a saved widget. */
export function draftOf(widget: Widget): WidgetDraft {
  const groups = (widget.report.groupBy ?? []).map((g) => (typeof g === 'string' ? { path: g } : { path: g.field, ...(g.bucket ? { bucket: g.bucket } : {}) }));
  const measure = widget.report.measures?.[0] ?? { op: 'count' as const };
  const state = fromApiFilter(widget.report.filter);
  return {
    title: widget.title,
    chart: widget.chart,
    entity: widget.report.entity,
    groups,
    op: measure.op,
    ...(measure.field ? { field: measure.field } : {}),
    filter: state ?? EMPTY_FILTER,
    ...(state ? {} : { rawFilter: widget.report.filter }),
    width: widget.layout?.w ?? 6,
  };
}

/** The widget to save from a draft, placed at `index` in a two-column grid. */
export function widgetOf(draft: WidgetDraft, paths: readonly FilterPath[], index: number): Widget {
  const filter = draft.rawFilter ?? toApiFilter(draft.filter, paths);
  return {
    title: draft.title.trim(),
    chart: draft.chart,
    layout: { x: (index % 2) * 6, y: Math.floor(index / 2) * 4, w: draft.width, h: 4 },
    report: {
      entity: draft.entity,
      ...(filter ? { filter } : {}),
      groupBy: draft.groups.map((g) => (g.bucket && BUCKETS.includes(g.bucket) ? { field: g.path, bucket: g.bucket } : g.path)),
      measures: [draft.op === 'count' && !draft.field ? { op: 'count' } : { op: draft.op, ...(draft.field ? { field: draft.field } : {}) }],
    },
  };
}
