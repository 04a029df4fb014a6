import { roundMoney } from './money.js';

/** Sums of amounts per currency (Kith converts no currencies: each is summed on its own). */
export class CurrencyTotals {
  private readonly sums = new Map<string, { amount: number; weighted: number; count: number }>();

  add(money: unknown, weighted: unknown): void {
    if (!money || typeof money !== 'object') return;
    const { amount, currency } = money as { amount?: unknown; currency?: unknown };
    if (typeof amount !== 'number' || typeof currency !== 'string') return;
    const entry = this.sums.get(currency) ?? { amount: 0, weighted: 0, count: 0 };
    entry.amount += amount;
    entry.weighted += typeof weighted === 'number' ? weighted : 0;
    entry.count += 1;
    this.sums.set(currency, entry);
  }

  /** One entry per currency, rounded to its minor unit, largest first. */
  list(): { currency: string; amount: number; weighted: number; count: number }[] {
    return [...this.sums.entries()]
      .map(([currency, s]) => ({ currency, amount: roundMoney(s.amount, currency), weighted: roundMoney(s.weighted, currency), count: s.count }))
      .sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1));
  }
}
