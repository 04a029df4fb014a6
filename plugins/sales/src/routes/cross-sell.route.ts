import { defineRoute, errorCode, listAll, type RecordsApi, Type } from '@kith/sdk';

/** Whether the caller may read `entity` at all (an entity they may not read does not exist for them). */
async function mayRead(ctx: { records: RecordsApi }, entity: string): Promise<boolean> {
  try {
    await ctx.records.list(entity, { limit: 1 });
    return true;
  } catch (error) {
    if (errorCode(error) === 'KITH_ENTITY_NOT_FOUND') return false;
    throw error;
  }
}

/** Quotes that count as bought. */
const BOUGHT = ['accepted', 'ordered'];

/**
 * GET /api/v1/plugins/sales/accounts/:id/cross-sell — the products most often bought by other
 * accounts of the same industry that this account has not bought (bought: on an accepted or
 * ordered quote), ranked by how many of those accounts bought them. Read as the caller: it
 * only learns from the quotes they may see.
 */
export const crossSellRoute = defineRoute({
  method: 'GET',
  path: '/accounts/:id/cross-sell',
  description: 'Products bought by accounts of the same industry that this one has not bought.',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  query: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 5 }) }),
  handler: async ({ params, query }, ctx) => {
    const account = await ctx.records.get('account', params.id);
    if (!account.industry) return { account: account.id, industry: null, peers: 0, data: [] };
    // A caller who may read accounts but not quotes learns nothing from them: an empty hint, not an error.
    if (!(await mayRead(ctx, 'quote')) || !(await mayRead(ctx, 'quoteLine'))) return { account: account.id, industry: account.industry, peers: 0, data: [], quotesHidden: true };
    const boughtBy = (accountFilter: unknown) =>
      listAll(ctx.records, 'quoteLine', { filter: { product: { $null: false }, quote: { status: { $in: BOUGHT }, account: accountFilter } }, fields: ['product', 'quote'] });
    const own = new Set((await boughtBy(account.id)).map((l) => l.product as number));
    const lines = await boughtBy({ industry: account.industry, id: { $ne: account.id } });
    // quote → account, to count accounts rather than lines.
    const quoteIds = [...new Set(lines.map((l) => l.quote as number))];
    const accountOf = new Map<number, number>();
    for (let i = 0; i < quoteIds.length; i += 500) {
      const quotes = await listAll(ctx.records, 'quote', { filter: { id: { $in: quoteIds.slice(i, i + 500) } }, fields: ['account'] });
      for (const q of quotes) accountOf.set(q.id, q.account as number);
    }
    const buyers = new Map<number, Set<number>>();
    for (const l of lines) {
      const product = l.product as number;
      if (own.has(product)) continue;
      const set = buyers.get(product) ?? new Set<number>();
      set.add(accountOf.get(l.quote as number) ?? -1);
      buyers.set(product, set);
    }
    const ranked = [...buyers.entries()].map(([product, set]) => ({ product, accounts: set.size })).sort((a, b) => b.accounts - a.accounts || a.product - b.product).slice(0, query.limit);
    const products = ranked.length === 0 ? [] : (await ctx.records.list('product', { filter: { id: { $in: ranked.map((r) => r.product) } }, limit: query.limit })).data;
    const byId = new Map(products.map((p) => [p.id, p]));
    const peers = new Set(accountOf.values()).size;
    return {
      account: account.id,
      industry: account.industry,
      peers,
      data: ranked.filter((r) => byId.has(r.product)).map((r) => ({ product: byId.get(r.product), boughtBy: r.accounts, share: peers === 0 ? 0 : Math.round((r.accounts / peers) * 1000) / 1000 })),
    };
  },
});
