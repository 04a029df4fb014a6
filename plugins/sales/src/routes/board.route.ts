import { defineRoute, listAll, Type } from '@kith/sdk';
import { pipelineOf, stagesOf } from '../pipelines.js';
import { CurrencyTotals } from '../totals.js';

/** What a card shows. */
const CARD_FIELDS = ['name', 'account', 'contact', 'amount', 'probability', 'weightedAmount', 'expectedCloseDate', 'owner', 'nextStep', 'stage', 'pipeline'];

/**
 * GET /api/v1/plugins/sales/board — a kanban of one pipeline (default: the default pipeline):
 * per stage, in order, the count and sums of the opportunities the caller may see and the first
 * cards (soonest expected close first; `cursor` per stage pages on through the records API).
 * Everything is read as the caller, so an `own` scope shows only their opportunities. Moving a
 * card is a normal update: PATCH /api/v1/records/opportunity/:id {"stage": …, "version": …}.
 */
export const boardRoute = defineRoute({
  method: 'GET',
  path: '/board',
  description: 'Opportunities of a pipeline grouped by stage, with counts and sums per currency.',
  query: Type.Object({
    pipeline: Type.Optional(Type.Integer({ minimum: 1 })),
    cards: Type.Integer({ minimum: 0, maximum: 100, default: 20 }),
    owner: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  handler: async ({ query }, ctx) => {
    const pipeline = await pipelineOf(ctx.records, query.pipeline);
    const stages = (await stagesOf(ctx.records, pipeline.id)).filter((s) => s.active !== false);
    const columns = [];
    for (const stage of stages) {
      const filter = { pipeline: pipeline.id, stage: stage.id, ...(query.owner ? { owner: query.owner } : {}) };
      const totals = new CurrencyTotals();
      const all = await listAll(ctx.records, 'opportunity', { filter, fields: ['amount', 'weightedAmount'] });
      for (const o of all) totals.add(o.amount, o.weightedAmount);
      const cards = query.cards === 0 ? { data: [], nextCursor: null } : await ctx.records.list('opportunity', { filter, sort: 'expectedCloseDate,id', limit: query.cards, fields: CARD_FIELDS });
      columns.push({
        stage: { id: stage.id, name: stage.name, position: stage.position, probability: stage.probability, isWon: stage.isWon, isLost: stage.isLost },
        count: all.length,
        totals: totals.list(),
        cards: cards.data,
        nextCursor: cards.nextCursor,
      });
    }
    return { pipeline: { id: pipeline.id, name: pipeline.name }, stages: columns };
  },
});
