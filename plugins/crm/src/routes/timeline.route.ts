import { defineRoute, errorCode, type PluginContext, RouteError, type StoredRecord, titleOf, Type } from '@kith/sdk';
import { CrmSettings } from '../settings.js';
import { afterPosition, decodeCursor, encodeCursor, timelineOrder, type TimelinePosition } from '../timeline/timeline-cursor.js';
import { timelineSources } from '../timeline/timeline-sources.js';

/** One entry of a timeline: when, what, and the record as the caller may see it. */
export interface TimelineItem extends TimelinePosition {
  readonly title: string;
  /** The relation(s) that tie it to the root record. */
  readonly via: readonly string[];
  readonly record: StoredRecord;
}

/** Codes the record service answers when the caller may not read an entity or one of its fields: that source is left out. */
const OUT_OF_REACH = new Set(['KITH_ENTITY_NOT_FOUND', 'KITH_FIELD_UNKNOWN', 'KITH_FILTER_INVALID', 'KITH_SORT_INVALID']);

const Query = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  /** Only these entities (comma-separated), e.g. `activity,opportunity`. */
  entities: Type.Optional(Type.String({ maxLength: 500 })),
});
const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/**
 * Everything about one account or contact, newest first, in one call: every record of every
 * entity related to it (see timeline-sources.ts), read through `ctx.records` as the caller, so
 * their scopes and field permissions apply; keyset-paginated across entities.
 */
async function timeline(ctx: PluginContext, root: 'account' | 'contact', id: number, query: { limit: number; cursor?: string; entities?: string }) {
  const record = await ctx.records.get(root, id); // 404 when the caller may not see it
  const position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !position) throw RouteError.badRequest('CRM_TIMELINE_CURSOR_INVALID', 'This cursor is not one this timeline handed out; start again without it.', 'cursor');
  const { timeline: tuning } = await ctx.settings.get(CrmSettings);
  const only = query.entities ? new Set(query.entities.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
  const sources = timelineSources(ctx.metadata, root, tuning).filter((s) => !only || only.has(s.entity));
  const items: TimelineItem[] = [];
  for (const source of sources) {
    const link = source.relations.length === 1 ? { [source.relations[0]!]: id } : { $or: source.relations.map((r) => ({ [r]: id })) };
    const after = afterPosition(source.entity, source.timeField, position);
    let data: StoredRecord[];
    try {
      // limit + 1 from every source is enough: the first `limit` of the merge come from these.
      ({ data } = await ctx.records.list(source.entity, { filter: after ? { $and: [link, after] } : link, sort: `-${source.timeField},-id`, limit: query.limit + 1 }));
    } catch (error) {
      if (OUT_OF_REACH.has(errorCode(error) ?? '')) continue;
      throw error;
    }
    for (const r of data) {
      const at = r[source.timeField];
      if (typeof at !== 'string') continue;
      items.push({ at: new Date(at).toISOString(), entity: source.entity, id: r.id, title: titleOf(r, source.titleField), via: source.relations.filter((f) => r[f] === id), record: r });
    }
  }
  items.sort(timelineOrder);
  const page = items.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    [root]: record,
    sources: sources.map((s) => ({ entity: s.entity, relations: s.relations, timeField: s.timeField })),
    data: page,
    nextCursor: items.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** GET /api/v1/plugins/crm/accounts/:id/timeline — the account's 360° view. */
export const accountTimelineRoute = defineRoute({
  method: 'GET',
  path: '/accounts/:id/timeline',
  description: 'Everything related to an account (contacts, activities, opportunities, …), newest first, keyset-paginated.',
  params: Params,
  query: Query,
  handler: ({ params, query }, ctx) => timeline(ctx, 'account', params.id, query),
});

/** GET /api/v1/plugins/crm/contacts/:id/timeline — the contact's 360° view. */
export const contactTimelineRoute = defineRoute({
  method: 'GET',
  path: '/contacts/:id/timeline',
  description: 'Everything related to a contact (activities, opportunities, quotes, …), newest first, keyset-paginated.',
  params: Params,
  query: Query,
  handler: ({ params, query }, ctx) => timeline(ctx, 'contact', params.id, query),
});
