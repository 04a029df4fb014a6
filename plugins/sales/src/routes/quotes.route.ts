import { RouteError, Type, defineRoute } from '@kith/sdk';
import { pipelineOf, stagesOf } from '../pipelines.js';

/**
 * POST /api/v1/plugins/sales/quotes/:id/lines — adds a line for a product, priced from the
 * price book in the quote's currency unless a unit price is given; the product's tax rate is
 * the default. A normal create: the line's rules (quantity > 0, the quote's currency) apply.
 */
export const addQuoteLineRoute = defineRoute({
  method: 'POST',
  path: '/quotes/:id/lines',
  status: 201,
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  body: Type.Object({
    product: Type.Integer({ minimum: 1 }),
    quantity: Type.Number(),
    discount: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    taxRate: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    unitPrice: Type.Optional(Type.Number({ minimum: 0 })),
    priceBook: Type.String({ default: 'standard', maxLength: 64 }),
    description: Type.Optional(Type.String({ maxLength: 255 })),
  }),
  handler: async ({ params, body }, ctx) => {
    const quote = await ctx.records.get('quote', params.id);
    if (quote.status !== 'draft') throw RouteError.conflict('SALES_QUOTE_NOT_DRAFT', `Quote ${String(quote.number)} is ${String(quote.status)}; lines are added to drafts only.`, 'status');
    const product = await ctx.records.get('product', body.product);
    const currency = String(quote.currency);
    let amount = body.unitPrice;
    if (amount === undefined) {
      const { data } = await ctx.records.list('priceBookEntry', { filter: { product: product.id, priceBook: body.priceBook, currency, active: true }, limit: 1 });
      const price = data[0]?.listPrice as { amount: number } | undefined;
      if (!price) throw RouteError.badRequest('SALES_NO_LIST_PRICE', `${String(product.name)} has no ${body.priceBook} list price in ${currency}; give a unitPrice.`, 'unitPrice');
      amount = price.amount;
    }
    return ctx.records.create('quoteLine', {
      quote: quote.id,
      product: product.id,
      description: body.description ?? product.name,
      quantity: body.quantity,
      unitPrice: { amount, currency },
      discount: body.discount ?? 0,
      taxRate: body.taxRate ?? (typeof product.taxRate === 'number' ? product.taxRate : 0),
      position: Number(quote.lineCount ?? 0) + 1,
    });
  },
});

/**
 * POST /api/v1/plugins/sales/quotes/:id/order — an accepted quote becomes an order: status
 * `ordered`, an order number, `orderStatus: open` (for the ERP connector to push), and its
 * opportunity moves to the won stage of its pipeline — all in one transaction.
 */
export const orderQuoteRoute = defineRoute({
  method: 'POST',
  path: '/quotes/:id/order',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  handler: async ({ params }, ctx) =>
    ctx.records.transaction(async (tx) => {
      const quote = await tx.get('quote', params.id);
      if (quote.status === 'ordered') return { quote, opportunity: quote.opportunity ? await tx.get('opportunity', quote.opportunity as number) : null };
      if (quote.status !== 'accepted') throw RouteError.conflict('SALES_QUOTE_NOT_ACCEPTED', `Quote ${String(quote.number)} is ${String(quote.status)}; only an accepted quote becomes an order.`, 'status');
      if (!quote.lineCount) throw RouteError.conflict('SALES_QUOTE_EMPTY', `Quote ${String(quote.number)} has no lines.`, 'lines');
      const ordered = await tx.update('quote', quote.id, { status: 'ordered', orderNumber: `SO-${String(quote.number)}`, orderedAt: new Date().toISOString(), orderStatus: 'open' }, quote.version);
      let opportunity = null;
      if (typeof quote.opportunity === 'number') {
        const o = await tx.get('opportunity', quote.opportunity);
        if (!o.isClosed) {
          const won = (await stagesOf(tx, (await pipelineOf(tx, o.pipeline as number)).id)).find((s) => s.isWon);
          opportunity = won ? await tx.update('opportunity', o.id, { stage: won.id }, o.version) : o;
        } else opportunity = o;
      }
      return { quote: ordered, opportunity };
    }),
});
