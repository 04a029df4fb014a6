import { Type, defineRoute } from '@kith/sdk';
import { accountDuplicates, contactDuplicates } from '../duplicates/find-duplicates.js';
import { CrmSettings } from '../settings.js';

/**
 * POST /api/v1/plugins/crm/duplicates — the records that may be the same as `record` (about to
 * be created, or being edited when it has an `id`). Nothing is written: the caller decides to
 * create anyway, open a candidate, or merge (POST /merge). Reads as the caller.
 */
export const duplicatesRoute = defineRoute({
  method: 'POST',
  path: '/duplicates',
  description: 'Possible duplicates of an account or contact: same e-mail, same web domain or tax id, same phone, similar name.',
  body: Type.Object({
    entity: Type.Union([Type.Literal('account'), Type.Literal('contact')]),
    record: Type.Record(Type.String(), Type.Unknown()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  }),
  handler: async ({ body }, ctx) => {
    const { duplicates } = await ctx.settings.get(CrmSettings);
    const find = body.entity === 'account' ? accountDuplicates : contactDuplicates;
    const candidates = await find(ctx.records, body.record, duplicates.nameSimilarity, body.limit ?? 10);
    return { entity: body.entity, candidates };
  },
});
