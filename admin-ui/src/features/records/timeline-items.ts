import { api, query } from '../../api/client.js';
import type { EntityMeta, HistoryEntry, Labels, RecordPage, RecordRow } from '../../api/types.js';

/** How many activities and workflow runs the timeline reads (the audit history pages on). */
export const TIMELINE_PAGE = 20;

/** A workflow run on the record, as `GET /api/v1/workflow-runs?entity=&recordId=` gives it to anyone who may read the record. */
export interface RecordRun {
  readonly id: number;
  readonly workflowId: string;
  readonly workflowLabel: Labels | null;
  readonly status: string;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** One line of the timeline, whichever source it comes from. */
export type TimelineItem =
  | { readonly kind: 'change'; readonly key: string; readonly at: string; readonly entry: HistoryEntry }
  | { readonly kind: 'activity'; readonly key: string; readonly at: string; readonly activity: RecordRow }
  | { readonly kind: 'run'; readonly key: string; readonly at: string; readonly run: RecordRun };

/** The three sources merged, newest first (ties: changes, then activities, then runs — a run follows the change that started it). */
export function mergeTimeline(history: readonly HistoryEntry[], activities: readonly RecordRow[], runs: readonly RecordRun[], activityTime = 'occurredAt'): TimelineItem[] {
  const rank = { change: 0, activity: 1, run: 2 } as const;
  const items: TimelineItem[] = [
    ...history.map((entry) => ({ kind: 'change' as const, key: `change:${entry.id}`, at: entry.at, entry })),
    ...activities.map((activity) => ({ kind: 'activity' as const, key: `activity:${activity.id}`, at: String(activity[activityTime] ?? activity.createdAt), activity })),
    ...runs.map((run) => ({ kind: 'run' as const, key: `run:${run.id}`, at: run.startedAt, run })),
  ];
  const time = (item: TimelineItem) => Date.parse(item.at) || 0;
  return items.sort((a, b) => time(b) - time(a) || rank[b.kind] - rank[a.kind]);
}

/**
 * The filter for the activities of a record: those that name it (`relatedEntity` + `relatedId`,
 * crm's link to any record) or point at it through a relation (an account's or a contact's);
 * undefined when the activity entity has no way to reach this one.
 */
export function activityFilter(activity: EntityMeta, entity: string, id: number): Record<string, unknown> | undefined {
  const has = (name: string) => activity.fields.some((f) => f.name === name);
  const ways: Record<string, unknown>[] = [
    ...(has('relatedEntity') && has('relatedId') ? [{ relatedEntity: entity, relatedId: id }] : []),
    ...activity.fields.filter((f) => f.type === 'relation' && f.target === entity).map((f) => ({ [f.name]: id })),
  ];
  if (ways.length === 0) return undefined;
  return ways.length === 1 ? ways[0] : { $or: ways };
}

/** The newest activities of a record, read as the user (their permissions apply); none when there is no activity entity they may read. */
export async function loadActivities(activity: EntityMeta | undefined, entity: string, id: number, signal?: AbortSignal): Promise<RecordRow[]> {
  if (!activity || activity.name === entity) return [];
  const filter = activityFilter(activity, entity, id);
  if (!filter) return [];
  const timeField = activity.fields.some((f) => f.name === 'occurredAt') ? 'occurredAt' : 'createdAt';
  const page = await api<RecordPage>('GET', `/records/${encodeURIComponent(activity.name)}${query({ filter, sort: `-${timeField}`, limit: TIMELINE_PAGE })}`, undefined, { signal });
  return page.data;
}

/** The newest workflow runs on a record. */
export async function loadRuns(entity: string, id: number, signal?: AbortSignal): Promise<RecordRun[]> {
  const page = await api<{ data: RecordRun[] }>('GET', `/workflow-runs${query({ entity, recordId: id, limit: TIMELINE_PAGE })}`, undefined, { signal });
  return page.data;
}
