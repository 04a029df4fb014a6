import { defineRoute, errorCode, RouteError, Type } from '@kith/sdk';

/**
 * POST /api/v1/plugins/crm/activities — logs an activity on any record. The target named by
 * `relatedEntity` + `relatedId` must exist and be readable by the caller; its account and
 * contact (the target itself when it is one) are filled in, so the activity shows on their
 * timelines too. The write is a normal create: rules and permissions apply.
 */
export const logActivityRoute = defineRoute({
  method: 'POST',
  path: '/activities',
  status: 201,
  description: 'Log a call, e-mail, meeting, visit, note or task on any record.',
  body: Type.Object(
    { relatedEntity: Type.Optional(Type.String({ maxLength: 64 })), relatedId: Type.Optional(Type.Integer({ minimum: 1 })) },
    { additionalProperties: true },
  ),
  handler: async ({ body }, ctx) => {
    const input: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const { relatedEntity, relatedId } = body;
    if ((relatedEntity === undefined) !== (relatedId === undefined)) {
      throw RouteError.badRequest('CRM_ACTIVITY_TARGET_INCOMPLETE', 'Give both relatedEntity and relatedId, or neither.', relatedEntity === undefined ? 'relatedEntity' : 'relatedId');
    }
    if (relatedEntity !== undefined && relatedId !== undefined) {
      if (!ctx.metadata.entity(relatedEntity)) throw RouteError.badRequest('CRM_ACTIVITY_TARGET_UNKNOWN', `"${relatedEntity}" is not an entity.`, 'relatedEntity');
      let target;
      try {
        target = await ctx.records.get(relatedEntity, relatedId);
      } catch (error) {
        if (errorCode(error) === 'KITH_RECORD_NOT_FOUND' || errorCode(error) === 'KITH_ENTITY_NOT_FOUND') {
          throw RouteError.badRequest('CRM_ACTIVITY_TARGET_NOT_FOUND', `There is no ${relatedEntity} ${relatedId} you can see.`, 'relatedId');
        }
        throw error;
      }
      if (relatedEntity === 'account') input.account ??= relatedId;
      else if (typeof target.account === 'number') input.account ??= target.account;
      if (relatedEntity === 'contact') input.contact ??= relatedId;
      else if (typeof target.contact === 'number') input.contact ??= target.contact;
    }
    return ctx.records.create('activity', input);
  },
});

/** GET /api/v1/plugins/crm/related/:entity/:id/activities — the activities logged on any one record, newest first. */
export const relatedActivitiesRoute = defineRoute({
  method: 'GET',
  path: '/related/:entity/:id/activities',
  params: Type.Object({ entity: Type.String({ maxLength: 64 }), id: Type.Integer({ minimum: 1 }) }),
  query: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), cursor: Type.Optional(Type.String({ maxLength: 500 })) }),
  handler: async ({ params, query }, ctx) => {
    await ctx.records.get(params.entity, params.id); // the caller must see the record itself
    return ctx.records.list('activity', {
      filter: { relatedEntity: params.entity, relatedId: params.id },
      sort: '-occurredAt',
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  },
});
