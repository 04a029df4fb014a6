import { defineRoute, type FieldDefinition, listAll, type PluginContext, type RecordsApi, RouteError, type StoredRecord, titleOf, Type } from '@kith/sdk';

/** Field types Kith fills in itself: never copied from one record onto another. */
const DERIVED = new Set(['computed', 'rollup']);

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Moves every relation that points at `from` to `to`: any entity's relation to `entity` (crm's,
 * other plugins', custom ones), and activities linked through relatedEntity/relatedId. Each move
 * is a normal update, so it is validated, audited and triggers workflows like any other edit.
 */
async function repoint(tx: RecordsApi, ctx: PluginContext, entity: string, from: number, to: number): Promise<Record<string, number[]>> {
  const moved: Record<string, number[]> = {};
  for (const e of ctx.metadata.entities()) {
    for (const f of e.fields.filter((x) => x.type === 'relation' && x.target === entity)) {
      const children = await listAll(tx, e.name, { filter: { [f.name]: from } });
      for (const child of children) {
        // The survivor never becomes its own parent.
        const value = e.name === entity && child.id === to ? null : to;
        await tx.update(e.name, child.id, { [f.name]: value }, child.version);
        (moved[`${e.name}.${f.name}`] ??= []).push(child.id);
      }
    }
  }
  if (ctx.metadata.entity('activity')) {
    for (const a of await listAll(tx, 'activity', { filter: { relatedEntity: entity, relatedId: from } })) {
      await tx.update('activity', a.id, { relatedId: to }, a.version);
      (moved['activity.relatedId'] ??= []).push(a.id);
    }
  }
  return moved;
}

/** The survivor's patch: the merged record's values for `fields`, and for every field the survivor leaves empty. */
function survivorPatch(fields: readonly FieldDefinition[], survivor: StoredRecord, merged: StoredRecord, take: ReadonlySet<string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    if (DERIVED.has(f.type) || f.readonly || isEmpty(merged[f.name])) continue;
    if (take.has(f.name) || isEmpty(survivor[f.name])) patch[f.name] = merged[f.name];
  }
  return patch;
}

/**
 * POST /api/v1/plugins/crm/merge — merges one account (or contact) into another, in one
 * transaction: every record pointing at the merged one is re-pointed to the survivor (so both
 * histories end up on the survivor's timeline), the survivor takes the merged record's values
 * where it has none (or for the `fields` named), the merged record is soft-deleted (restorable),
 * and a `recordMerge` record keeps the lineage with a snapshot. Administrators only: re-pointing
 * must reach every related record, including those outside any one role's scope.
 */
export const mergeRoute = defineRoute({
  method: 'POST',
  path: '/merge',
  admin: true,
  description: 'Merge a duplicate account or contact into the one that survives, keeping the history of both.',
  body: Type.Object({
    entity: Type.Union([Type.Literal('account'), Type.Literal('contact')]),
    survivorId: Type.Integer({ minimum: 1 }),
    mergedId: Type.Integer({ minimum: 1 }),
    /** Fields whose value is taken from the merged record even where the survivor has one. */
    fields: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
  }),
  handler: async ({ body }, ctx) => {
    const { entity, survivorId, mergedId } = body;
    if (survivorId === mergedId) throw RouteError.badRequest('CRM_MERGE_SAME_RECORD', `A record cannot be merged into itself (${entity} ${survivorId}).`, 'mergedId');
    const definition = ctx.metadata.entity(entity)!;
    const unknown = (body.fields ?? []).filter((name) => !definition.fields.some((f) => f.name === name && !DERIVED.has(f.type)));
    if (unknown.length > 0) throw RouteError.badRequest('CRM_MERGE_FIELD_UNKNOWN', `${unknown.join(', ')}: not a field of ${entity} that can be copied.`, 'fields');
    return ctx.records.transaction(async (tx) => {
      const survivor = await tx.get(entity, survivorId);
      const merged = await tx.get(entity, mergedId);
      const repointed = await repoint(tx, ctx, entity, mergedId, survivorId);
      const patch = survivorPatch(definition.fields, await tx.get(entity, survivorId), merged, new Set(body.fields ?? []));
      // A unique value moves: the merged record (kept, soft-deleted) lets go of it first.
      const uniques = definition.fields.filter((f) => f.unique && f.name in patch).map((f) => f.name);
      let current = await tx.get(entity, mergedId);
      if (uniques.length > 0) current = await tx.update(entity, mergedId, Object.fromEntries(uniques.map((n) => [n, null])), current.version);
      const fresh = await tx.get(entity, survivorId);
      const result = Object.keys(patch).length > 0 ? await tx.update(entity, survivorId, patch, fresh.version) : fresh;
      const lineage = await tx.create('recordMerge', {
        entity,
        survivorId,
        mergedId,
        mergedTitle: titleOf(merged, definition.titleField).slice(0, 255),
        repointed,
        copiedFields: Object.keys(patch),
        snapshot: merged,
      });
      await tx.delete(entity, mergedId);
      return { survivor: result, merge: lineage, repointed, previous: { survivor } };
    });
  },
});
