import { defineRoute, errorCode, type RecordsApi, RouteError, type StoredRecord, Type } from '@kith/sdk';
import { pipelineOf, stagesOf } from '../pipelines.js';

const Body = Type.Object({
  /** Link this existing account instead of creating one. */
  account: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Link this existing contact instead of creating one. */
  contact: Type.Optional(Type.Integer({ minimum: 1 })),
  /** false: no opportunity (default true). */
  createOpportunity: Type.Optional(Type.Boolean()),
  opportunity: Type.Optional(
    Type.Object({
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      pipeline: Type.Optional(Type.Integer({ minimum: 1 })),
      amount: Type.Optional(Type.Object({ amount: Type.Number({ minimum: 0 }), currency: Type.String({ minLength: 3, maxLength: 3 }) })),
      expectedCloseDate: Type.Optional(Type.String({ format: 'date' })),
    }),
  ),
});

/** What a conversion answers: the lead and the three records, and whether this call made them. */
interface Conversion {
  readonly converted: boolean;
  readonly lead: StoredRecord;
  readonly account: StoredRecord;
  readonly contact: StoredRecord;
  readonly opportunity: StoredRecord | null;
}

const ref = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** The result of an earlier conversion of `lead`, read back. */
async function existing(tx: RecordsApi, lead: StoredRecord): Promise<Conversion> {
  const opportunity = ref(lead.convertedOpportunity);
  return {
    converted: false,
    lead,
    account: await tx.get('account', ref(lead.convertedAccount)!),
    contact: await tx.get('contact', ref(lead.convertedContact)!),
    opportunity: opportunity === undefined ? null : await tx.get('opportunity', opportunity),
  };
}

/**
 * POST /api/v1/plugins/sales/leads/:id/convert — turns a qualified lead into an account, a
 * contact and an opportunity (creating each, or linking the account and contact given), in one
 * transaction: all of it is stored, or nothing.
 *
 * Idempotent: a converted lead answers its earlier conversion (`converted: false`) and creates
 * nothing. Two conversions racing each other cannot both succeed: the opportunity's `lead` is
 * unique and the lead is updated with the version it was read at, so the loser is rolled back
 * whole and answered 409 SALES_LEAD_CONVERSION_CONFLICT.
 */
export const convertLeadRoute = defineRoute({
  method: 'POST',
  path: '/leads/:id/convert',
  description: 'Convert a lead into an account, a contact and an opportunity (idempotent).',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  body: Body,
  handler: async ({ params, body }, ctx) => {
    try {
      return await ctx.records.transaction(async (tx): Promise<Conversion> => {
        const lead = await tx.get('lead', params.id);
        if (lead.convertedAt || lead.convertedAccount) return existing(tx, lead);
        if (lead.status === 'unqualified') throw RouteError.conflict('SALES_LEAD_UNQUALIFIED', `Lead ${lead.id} is unqualified; set its status to qualified before converting it.`, 'status');
        const owner = typeof lead.owner === 'number' ? { owner: lead.owner } : {};
        const name = lead.name as { first?: string; last?: string } | null;
        const account =
          body.account !== undefined
            ? await tx.get('account', body.account)
            : await tx.create('account', { name: lead.company, ...(lead.website ? { website: lead.website } : {}), ...(lead.phone ? { phone: lead.phone } : {}), type: 'prospect', ...owner });
        const contact =
          body.contact !== undefined
            ? await tx.get('contact', body.contact)
            : await tx.create('contact', {
                name: { first: name?.first ?? '', last: name?.last ?? '' },
                account: account.id,
                ...(lead.jobTitle ? { jobTitle: lead.jobTitle } : {}),
                ...(lead.email ? { email: lead.email } : {}),
                ...(lead.phone ? { phone: lead.phone } : {}),
                ...owner,
              });
        if (body.contact !== undefined && contact.account !== null && contact.account !== account.id) {
          throw RouteError.badRequest('SALES_CONTACT_OF_ANOTHER_ACCOUNT', `Contact ${contact.id} belongs to account ${String(contact.account)}, not ${account.id}.`, 'contact');
        }
        let opportunity: StoredRecord | null = null;
        if (body.createOpportunity !== false) {
          const pipeline = await pipelineOf(tx, body.opportunity?.pipeline);
          const first = (await stagesOf(tx, pipeline.id)).find((s) => s.active !== false && !s.isWon && !s.isLost);
          if (!first) throw RouteError.conflict('SALES_PIPELINE_WITHOUT_OPEN_STAGE', `Pipeline "${String(pipeline.name)}" has no open stage to start an opportunity in.`, 'opportunity.pipeline');
          const amount = body.opportunity?.amount ?? (lead.estimatedAmount as object | null) ?? undefined;
          opportunity = await tx.create('opportunity', {
            name: body.opportunity?.name ?? `${String(lead.company)}`,
            account: account.id,
            contact: contact.id,
            pipeline: pipeline.id,
            stage: first.id,
            lead: lead.id,
            ...(amount ? { amount } : {}),
            ...(body.opportunity?.expectedCloseDate ? { expectedCloseDate: body.opportunity.expectedCloseDate } : {}),
            ...(lead.source && ['web', 'referral', 'event', 'cold-call', 'partner', 'advertising'].includes(String(lead.source)) ? { source: lead.source } : {}),
            ...owner,
          });
        }
        const updated = await tx.update(
          'lead',
          lead.id,
          { status: 'converted', convertedAt: new Date().toISOString(), convertedAccount: account.id, convertedContact: contact.id, convertedOpportunity: opportunity?.id ?? null },
          lead.version,
        );
        return { converted: true, lead: updated, account, contact, opportunity };
      });
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'KITH_VERSION_CONFLICT' && code !== 'KITH_UNIQUE_VIOLATED' && code !== 'KITH_DATABASE_BUSY') throw error;
      // Another conversion of this lead committed first; this one was rolled back whole.
      const now = await ctx.records.get('lead', params.id);
      if (!now.convertedAt) throw error;
      throw RouteError.conflict(
        'SALES_LEAD_CONVERSION_CONFLICT',
        `Lead ${params.id} was converted by another request at the same time; nothing of this one was stored. Convert again to get that conversion's account, contact and opportunity.`,
      );
    }
  },
});
