import { defineRoute, listAll, RouteError, Type } from '@kith/sdk';
import { CurrencyTotals } from '../totals.js';

/** The period an ISO date falls in: `2026-03` (month) or `2026-Q1` (quarter). */
export function periodOf(date: string, period: 'month' | 'quarter'): string {
  const [year, month] = date.split('-');
  return period === 'month' ? `${year}-${month}` : `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * GET /api/v1/plugins/sales/forecast?from=2026-01-01&to=2026-12-31&period=quarter — per period
 * (by expected close date) and owner: won amounts, open amounts and their weighted value
 * (amount × probability), each per currency. Lost opportunities are counted, not summed. Read
 * as the caller: an `own` scope forecasts only their own opportunities.
 */
export const forecastRoute = defineRoute({
  method: 'GET',
  path: '/forecast',
  description: 'Weighted pipeline by period and owner, won and open separated.',
  query: Type.Object({
    from: Type.String({ pattern: DATE }),
    to: Type.String({ pattern: DATE }),
    period: Type.Union([Type.Literal('month'), Type.Literal('quarter')], { default: 'month' }),
    pipeline: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  handler: async ({ query }, ctx) => {
    if (query.from > query.to) throw RouteError.badRequest('SALES_FORECAST_RANGE_INVALID', `"from" (${query.from}) is after "to" (${query.to}).`, 'from');
    const opportunities = await listAll(ctx.records, 'opportunity', {
      filter: { expectedCloseDate: { $gte: query.from, $lte: query.to }, ...(query.pipeline ? { pipeline: query.pipeline } : {}) },
      fields: ['amount', 'weightedAmount', 'isWon', 'isLost', 'owner', 'expectedCloseDate'],
      sort: 'expectedCloseDate,id',
    });
    const rows = new Map<string, { period: string; owner: number | null; won: CurrencyTotals; open: CurrencyTotals; lostCount: number }>();
    for (const o of opportunities) {
      const period = periodOf(String(o.expectedCloseDate), query.period);
      const owner = typeof o.owner === 'number' ? o.owner : null;
      const key = `${period}|${owner ?? ''}`;
      const row = rows.get(key) ?? { period, owner, won: new CurrencyTotals(), open: new CurrencyTotals(), lostCount: 0 };
      if (o.isWon) row.won.add(o.amount, o.amount && typeof o.amount === 'object' ? (o.amount as { amount: number }).amount : 0);
      else if (o.isLost) row.lostCount += 1;
      else row.open.add(o.amount, o.weightedAmount);
      rows.set(key, row);
    }
    const data = [...rows.values()]
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : (a.owner ?? 0) - (b.owner ?? 0)))
      .map((r) => ({
        period: r.period,
        owner: r.owner,
        won: r.won.list().map(({ currency, amount, count }) => ({ currency, amount, count })),
        open: r.open.list(),
        lostCount: r.lostCount,
      }));
    return { from: query.from, to: query.to, period: query.period, data };
  },
});
