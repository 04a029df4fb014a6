import { listAll } from '@kith/sdk';
import type { RecordInput, SeedContext, StoredRecord } from '@kith/sdk';
import { roundMoney } from '../money.js';
import { LEADS, LIST_RATES, NEXT_STEPS, PRODUCTS } from './catalogue.data.js';

/** The demo's sales people, by e-mail (see demoUsers). */
const OWNER_EMAILS = ['ana.quispe@example.com', 'diego.flores@example.com', 'lucia.gomez@example.com', 'marta.ruiz@example.com'];

/** mulberry32, so the demo is the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const day = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** A list price in another currency, rounded as price lists are (to 5 units in PEN/EUR). */
export function listPrice(usd: number, currency: string): number {
  const raw = usd * (LIST_RATES[currency] ?? 1);
  return currency === 'USD' ? usd : raw >= 100 ? Math.round(raw / 5) * 5 : roundMoney(raw, currency);
}

/**
 * sales' demo data on top of crm's: the catalogue and its price book, recent leads, two to four
 * opportunities per account spread over the stages of the default pipeline (closed ones in the
 * past, open ones closing in the coming months), renewals for customers, and quotes with lines
 * for the later stages — accepted and ordered for the won deals.
 */
export async function seedSales(ctx: SeedContext): Promise<void> {
  const rng = random(77);
  const today = new Date();
  const owners: number[] = [];
  for (const email of OWNER_EMAILS) {
    const user = await ctx.users.byEmail(email);
    if (user) owners.push(user.id);
  }
  const ownerOf = (i: number) => (owners.length > 0 ? { owner: owners[i % owners.length] } : {});

  const products = await ctx.records.bulkCreate('product', PRODUCTS.map((p): RecordInput => ({ code: p.code, name: p.name, family: p.family, unit: p.unit, taxRate: p.taxRate })));
  await ctx.records.bulkCreate(
    'priceBookEntry',
    products.flatMap((product, i) => Object.keys(LIST_RATES).map((currency) => ({ product: product.id, listPrice: { amount: listPrice(PRODUCTS[i]!.usd, currency), currency } }))),
  );

  await ctx.records.bulkCreate(
    'lead',
    LEADS.map((l, i): RecordInput => ({ name: { first: l.first, last: l.last }, company: l.company, jobTitle: l.jobTitle, email: l.email, source: l.source, status: l.status, score: l.score, ...ownerOf(i) })),
  );

  const pipelines = await listAll(ctx.records, 'pipeline', { sort: '-isDefault,id' });
  const stagesBy = async (pipeline: StoredRecord) => listAll(ctx.records, 'stage', { filter: { pipeline: pipeline.id }, sort: 'position' });
  const main = pipelines[0]!;
  const mainStages = await stagesBy(main);
  const renewals = pipelines.find((p) => p.name === 'Renewals');
  const renewalStages = renewals ? await stagesBy(renewals) : [];
  const accounts = await listAll(ctx.records, 'account', { sort: 'id' });
  const contacts = await listAll(ctx.records, 'contact', { sort: 'id' });
  const open = mainStages.filter((s) => !s.isWon && !s.isLost);
  const won = mainStages.find((s) => s.isWon)!;
  const lost = mainStages.find((s) => s.isLost)!;
  let quoteNo = 1000;

  for (const [a, account] of accounts.entries()) {
    const people = contacts.filter((c) => c.account === account.id);
    const currency = (account.annualRevenue as { currency?: string } | null)?.currency;
    const dealCurrency = currency && ['USD', 'PEN', 'EUR'].includes(currency) ? currency : 'USD';
    const count = account.type === 'customer' ? rng.int(3, 4) : rng.int(1, 2);
    for (let n = 0; n < count; n++) {
      // Customers have history: their first deal is won, sometimes one lost; prospects are open.
      const stage = account.type === 'customer' && n === 0 ? won : account.type === 'customer' && n === 1 && rng.next() < 0.35 ? lost : rng.pick(open);
      const closed = stage.isWon || stage.isLost;
      const items = [rng.pick(products), rng.pick(products)].filter((p, i, all) => all.indexOf(p) === i);
      const lines = items.map((p) => ({ product: p, quantity: rng.int(1, 4), discount: rng.pick([0, 0, 5, 10]) }));
      const gross = lines.reduce((s, l) => s + l.quantity * listPrice(PRODUCTS[products.indexOf(l.product)]!.usd, dealCurrency) * (1 - l.discount / 100), 0);
      const amount = roundMoney(gross, dealCurrency);
      const opportunity = await ctx.records.create('opportunity', {
        name: `${String(account.name).split(' ').slice(0, 3).join(' ')} – ${lines[0]!.product.name}`,
        account: account.id,
        ...(people[0] ? { contact: people[n % people.length]!.id } : {}),
        pipeline: main.id,
        stage: stage.id,
        amount: { amount, currency: dealCurrency },
        expectedCloseDate: closed ? day(today, -rng.int(10, 200)) : day(today, rng.int(7, 180)),
        ...(closed ? { closedAt: `${day(today, -rng.int(10, 200))}T15:00:00.000Z` } : { nextStep: rng.pick(NEXT_STEPS) }),
        ...(stage.isLost ? { lostReason: rng.pick(['price', 'competitor', 'timing'] as const) } : {}),
        source: rng.pick(['referral', 'event', 'existing-customer', 'web'] as const),
        ...ownerOf(a),
      });
      if (!closed && Number(stage.position) < 2) continue;
      const quote = await ctx.records.create('quote', {
        number: `COT-${quoteNo++}`,
        title: opportunity.name,
        account: account.id,
        ...(people[0] ? { contact: people[0].id } : {}),
        opportunity: opportunity.id,
        currency: dealCurrency,
        status: 'draft',
        validUntil: day(today, 30),
        ...ownerOf(a),
      });
      await ctx.records.bulkCreate(
        'quoteLine',
        lines.map((l, position) => ({
          quote: quote.id,
          position: position + 1,
          product: l.product.id,
          description: l.product.name,
          quantity: l.quantity,
          unitPrice: { amount: listPrice(PRODUCTS[products.indexOf(l.product)]!.usd, dealCurrency), currency: dealCurrency },
          discount: l.discount,
          taxRate: currency === 'PEN' || dealCurrency === 'PEN' ? 18 : 0,
        })),
      );
      const status = stage.isWon ? 'ordered' : stage.isLost ? 'rejected' : 'sent';
      const fresh = await ctx.records.get('quote', quote.id);
      await ctx.records.update('quote', quote.id, { status, ...(status === 'ordered' ? { orderNumber: `SO-${String(quote.number)}`, orderedAt: opportunity.closedAt, orderStatus: rng.pick(['delivered', 'invoiced', 'paid'] as const) } : {}) }, fresh.version);
    }
    if (account.type === 'customer' && renewals && renewalStages[0]) {
      await ctx.records.create('opportunity', {
        name: `${String(account.name).split(' ').slice(0, 3).join(' ')} – renovación contrato de mantenimiento`,
        account: account.id,
        pipeline: renewals.id,
        stage: renewalStages[0].id,
        amount: { amount: listPrice(12_600, dealCurrency), currency: dealCurrency },
        expectedCloseDate: day(today, rng.int(30, 120)),
        source: 'existing-customer',
        ...ownerOf(a),
      });
    }
  }
  ctx.log.info({ products: products.length, leads: LEADS.length, quotes: quoteNo - 1000 }, 'sales demo data written');
}
