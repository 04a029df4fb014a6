import { createTestApp, Worker, type TestApp } from '@kith/core/testing';
import { crm } from '@kith/plugin-crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.js';
import { httpClient, q } from '../../../tests/support/http.js';
import { sales } from './index.js';

const databases = await testDatabases();
const PASSWORD = 'sales test password';

describe.each(databases)('the sales plugin on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: ReturnType<typeof httpClient>;
  let drain: () => Promise<number>;
  const reps: Record<string, { id: number; http: ReturnType<typeof httpClient> }> = {};
  let pipeline: { id: number; stages: Record<string, number> };
  let renewals: { id: number; stages: Record<string, number> };

  const created = async (entity: string, body: Record<string, unknown>, as = admin) => {
    const res = await as.post(`/api/v1/records/${entity}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const count = async (entity: string, filter: Record<string, unknown>) => (await admin.get(`/api/v1/records/${entity}${q({ filter, count: true, limit: 1 })}`)).body.total as number;
  const pipelineNamed = async (name: string) => {
    const p = (await admin.get(`/api/v1/records/pipeline${q({ filter: { name } })}`)).body.data[0];
    const stages = (await admin.get(`/api/v1/records/stage${q({ filter: { pipeline: p.id }, sort: 'position', limit: 50 })}`)).body.data;
    return { id: p.id as number, stages: Object.fromEntries(stages.map((s: { name: string; id: number }) => [s.name, s.id])) as Record<string, number> };
  };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({
      plugins: [crm, sales],
      databaseUrl: fresh.url,
      worker: false,
      initialUsers: [
        { email: 'ana@example.com', password: PASSWORD, name: 'Ana', roles: ['sales-rep'], teams: ['Andes'] },
        { email: 'diego@example.com', password: PASSWORD, name: 'Diego', roles: ['sales-rep'], teams: ['Andes'] },
      ],
    });
    admin = httpClient(app.server, app.adminHeaders);
    const worker = new Worker(app.jobs, { backoff: { baseMs: 0, maxMs: 0 } });
    drain = () => worker.drain();
    for (const name of ['ana', 'diego']) {
      const login = await admin.post('/api/v1/auth/login', { email: `${name}@example.com`, password: PASSWORD });
      expect(login.status).toBe(200);
      reps[name] = { id: login.body.user.id, http: httpClient(app.server, { authorization: `Bearer ${login.body.token}` }) };
    }
    pipeline = await pipelineNamed('New business');
    renewals = await pipelineNamed('Renewals');
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('runs as plugins "crm" and "sales", with the default pipelines and stages written on install', async () => {
    const health = await admin.get('/api/v1/health');
    expect(health.body.plugins).toEqual([
      { name: 'crm', version: '1.0.0', state: 'enabled' },
      { name: 'sales', version: '1.0.0', state: 'enabled' },
    ]);
    expect(Object.keys(pipeline.stages)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']);
    expect(Object.keys(renewals.stages)).toHaveLength(4);
  });

  describe('lead conversion', () => {
    it('converting a lead twice gives one account, one contact and one opportunity, with the lineage kept', async () => {
      const lead = await created('lead', { name: { first: 'Silvia', last: 'Arce' }, company: 'Laboratorios Farmandina S.A.', email: 'silvia.arce@farmandina.com', status: 'qualified', estimatedAmount: { amount: 25000, currency: 'USD' } });
      const first = await admin.post(`/api/v1/plugins/sales/leads/${lead.id}/convert`, {});
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body.converted).toBe(true);
      const again = await admin.post(`/api/v1/plugins/sales/leads/${lead.id}/convert`, {});
      expect(again.status).toBe(200);
      expect(again.body.converted).toBe(false);
      expect([again.body.account.id, again.body.contact.id, again.body.opportunity.id]).toEqual([first.body.account.id, first.body.contact.id, first.body.opportunity.id]);

      expect(await count('account', { name: 'Laboratorios Farmandina S.A.' })).toBe(1);
      expect(await count('contact', { email: 'silvia.arce@farmandina.com' })).toBe(1);
      expect(await count('opportunity', { lead: lead.id })).toBe(1);
      const stored = (await admin.get(`/api/v1/records/lead/${lead.id}`)).body;
      expect(stored).toMatchObject({ status: 'converted', convertedAccount: first.body.account.id, convertedContact: first.body.contact.id, convertedOpportunity: first.body.opportunity.id });
      expect(first.body.opportunity).toMatchObject({ pipeline: pipeline.id, stage: pipeline.stages.Prospecting, amount: { amount: 25000, currency: 'USD' }, contact: first.body.contact.id });
    });

    it('two conversions of the same lead at the same time: one wins, the other creates nothing', async () => {
      const lead = await created('lead', { name: { first: 'Ximena', last: 'Valdivia' }, company: 'Minera Altiplano S.A.', email: 'xvaldivia@mineraaltiplano.pe', status: 'qualified' });
      const results = await Promise.all([1, 2, 3].map(() => admin.post(`/api/v1/plugins/sales/leads/${lead.id}/convert`, {})));
      for (const r of results) {
        expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
        if (r.status === 409) expect(r.body.code).toBe('SALES_LEAD_CONVERSION_CONFLICT');
      }
      expect(results.filter((r) => r.status === 200 && r.body.converted)).toHaveLength(1);
      expect(await count('account', { name: 'Minera Altiplano S.A.' })).toBe(1);
      expect(await count('contact', { email: 'xvaldivia@mineraaltiplano.pe' })).toBe(1);
      expect(await count('opportunity', { lead: lead.id })).toBe(1);
    });

    it('links an existing account, and refuses an unqualified lead with a clear error, writing nothing', async () => {
      const account = await created('account', { name: 'Pesquera Bahía Norte S.A.C.', industry: 'food-beverage' });
      const lead = await created('lead', { name: { first: 'Gabriela', last: 'Ñique' }, company: 'Pesquera Bahía Norte', status: 'qualified' });
      const linked = await admin.post(`/api/v1/plugins/sales/leads/${lead.id}/convert`, { account: account.id, createOpportunity: false });
      expect(linked.status).toBe(200);
      expect(linked.body.account.id).toBe(account.id);
      expect(linked.body.opportunity).toBeNull();
      expect(await count('account', { name: { $like: 'Pesquera%' } })).toBe(1);

      const cold = await created('lead', { name: { first: 'Diana', last: 'Muñoz' }, company: 'Cervecería Artesanal Andes', status: 'unqualified' });
      const refused = await admin.post(`/api/v1/plugins/sales/leads/${cold.id}/convert`, {});
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'SALES_LEAD_UNQUALIFIED', field: 'status' });
      expect(await count('account', { name: 'Cervecería Artesanal Andes' })).toBe(0);
    });
  });

  describe('quotes', () => {
    let account: { id: number };
    let product: { id: number };
    beforeAll(async () => {
      account = await created('account', { name: 'Gulf Desalination Services W.L.L.', industry: 'energy' });
      product = await created('product', { name: 'Compresor de tornillo 37 kW', code: 'CMP-SR37', taxRate: 18 });
    });
    const quoteWith = async (currency: string, lines: { quantity: number; price: number; discount: number; taxRate: number }[]) => {
      const quote = await created('quote', { number: `Q-${currency}-${Math.random().toString(36).slice(2, 8)}`, account: account.id, currency });
      for (const l of lines) await created('quoteLine', { quote: quote.id, quantity: l.quantity, unitPrice: { amount: l.price, currency }, discount: l.discount, taxRate: l.taxRate });
      return quote.id as number;
    };
    const get = async (entity: string, id: number) => (await admin.get(`/api/v1/records/${entity}/${id}`)).body;

    it('totals lines with discounts and tax, rounded line by line to 2 decimals (EUR)', async () => {
      const id = await quoteWith('EUR', [
        { quantity: 3, price: 19.99, discount: 10, taxRate: 21 }, // gross 59.97, discount 6.00 (5.997), net 53.97, tax 11.33 (11.3337)
        { quantity: 1, price: 1.005, discount: 0, taxRate: 0 }, // the price itself is rounded to 1.01
      ]);
      expect(await get('quote', id)).toMatchObject({ lineCount: 2, grossTotal: 60.98, discountTotal: 6, subtotal: 54.98, taxTotal: 11.33, total: 66.31 });
    });

    it('in a 0-decimal currency (JPY) every amount is whole yen', async () => {
      const id = await quoteWith('JPY', [
        { quantity: 3, price: 1234.4, discount: 7.5, taxRate: 10 }, // price 1234; gross 3702, discount 278 (277.65), net 3424, tax 342 (342.4)
        { quantity: 2, price: 999, discount: 15, taxRate: 10 }, // gross 1998, discount 300 (299.7), net 1698, tax 170 (169.8)
      ]);
      const lines = (await admin.get(`/api/v1/records/quoteLine${q({ filter: { quote: id }, sort: 'id' })}`)).body.data;
      expect(lines.map((l: Record<string, unknown>) => [l.unitPrice, l.discountAmount, l.netAmount, l.taxAmount, l.lineTotal])).toEqual([
        [{ amount: 1234, currency: 'JPY' }, 278, 3424, 342, 3766],
        [{ amount: 999, currency: 'JPY' }, 300, 1698, 170, 1868],
      ]);
      expect(await get('quote', id)).toMatchObject({ grossTotal: 5700, discountTotal: 578, subtotal: 5122, taxTotal: 512, total: 5634 });
    });

    it('in 3-decimal currencies (KWD, BHD) amounts keep three decimals', async () => {
      const kwd = await quoteWith('KWD', [{ quantity: 2, price: 12.345, discount: 12.5, taxRate: 5 }]); // gross 24.690, discount 3.086 (3.08625), net 21.604, tax 1.080 (1.0802)
      expect(await get('quote', kwd)).toMatchObject({ grossTotal: 24.69, discountTotal: 3.086, subtotal: 21.604, taxTotal: 1.08, total: 22.684 });
      const bhd = await quoteWith('BHD', [{ quantity: 7, price: 0.4567, discount: 3, taxRate: 10 }]); // price 0.457; gross 3.199, discount 0.096 (0.09597), net 3.103, tax 0.310 (0.3103)
      expect(await get('quote', bhd)).toMatchObject({ grossTotal: 3.199, discountTotal: 0.096, subtotal: 3.103, taxTotal: 0.31, total: 3.413 });
    });

    it('refuses a line with a negative quantity, or in another currency, naming the rule; nothing is stored', async () => {
      const id = await quoteWith('USD', [{ quantity: 1, price: 100, discount: 0, taxRate: 0 }]);
      const negative = await admin.post('/api/v1/records/quoteLine', { quote: id, quantity: -2, unitPrice: { amount: 100, currency: 'USD' } });
      expect(negative.status).toBe(400);
      expect(negative.body.code).toBe('KITH_VALIDATION_RULE_FAILED');
      expect(negative.body.errors).toEqual([expect.objectContaining({ field: 'quantity', rule: 'quantityPositive' })]);
      const viaRoute = await admin.post(`/api/v1/plugins/sales/quotes/${id}/lines`, { product: product.id, quantity: -1, unitPrice: 10 });
      expect(viaRoute.status).toBe(400);
      expect(viaRoute.body.errors[0]).toMatchObject({ rule: 'quantityPositive' });
      const otherCurrency = await admin.post('/api/v1/records/quoteLine', { quote: id, quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } });
      expect(otherCurrency.body.errors).toEqual([expect.objectContaining({ field: 'unitPrice', rule: 'lineCurrencyMatchesQuote' })]);
      expect(await count('quoteLine', { quote: id })).toBe(1);
      expect(await get('quote', id)).toMatchObject({ lineCount: 1, total: 100 });
    });

    it('adds a line priced from the price book, and turns an accepted quote into an order, winning its opportunity', async () => {
      await created('priceBookEntry', { product: product.id, listPrice: { amount: 5900.5, currency: 'KWD' } });
      const opportunity = await created('opportunity', { name: 'Gulf – compressors', account: account.id, pipeline: pipeline.id, stage: pipeline.stages.Negotiation, amount: { amount: 5900.5, currency: 'USD' } });
      const quote = await created('quote', { number: 'Q-ORDER-1', account: account.id, currency: 'KWD', opportunity: opportunity.id });
      const line = await admin.post(`/api/v1/plugins/sales/quotes/${quote.id}/lines`, { product: product.id, quantity: 2 });
      expect(line.status, JSON.stringify(line.body)).toBe(201);
      expect(line.body).toMatchObject({ unitPrice: { amount: 5900.5, currency: 'KWD' }, taxRate: 18, grossAmount: 11801, taxAmount: 2124.18 });
      const notYet = await admin.post(`/api/v1/plugins/sales/quotes/${quote.id}/order`);
      expect(notYet.body.code).toBe('SALES_QUOTE_NOT_ACCEPTED');
      const q1 = await get('quote', quote.id);
      await admin.patch(`/api/v1/records/quote/${quote.id}`, { status: 'accepted', version: q1.version });
      const ordered = await admin.post(`/api/v1/plugins/sales/quotes/${quote.id}/order`);
      expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
      expect(ordered.body.quote).toMatchObject({ status: 'ordered', orderNumber: 'SO-Q-ORDER-1', orderStatus: 'open' });
      expect(ordered.body.opportunity).toMatchObject({ stage: pipeline.stages['Closed won'], isWon: true, probability: 100 });
    });
  });

  describe('opportunities in pipelines', () => {
    it('refuses a stage of another pipeline with the rule’s message, and changes nothing', async () => {
      const account = await created('account', { name: 'Textiles del Valle E.I.R.L.' });
      const opp = await created('opportunity', { name: 'Textiles – secador', account: account.id, pipeline: pipeline.id, stage: pipeline.stages.Proposal });
      expect(opp).toMatchObject({ probability: 50, stagePipeline: pipeline.id, isClosed: false });
      const moved = await admin.patch(`/api/v1/records/opportunity/${opp.id}`, { stage: renewals.stages.Upcoming, version: opp.version });
      expect(moved.status).toBe(400);
      expect(moved.body.errors).toEqual([expect.objectContaining({ field: 'stage', rule: 'stageInPipeline' })]);
      const created2 = await admin.post('/api/v1/records/opportunity', { name: 'Wrong', account: account.id, pipeline: pipeline.id, stage: renewals.stages.Renewed });
      expect(created2.body.errors[0]).toMatchObject({ rule: 'stageInPipeline' });
      expect((await admin.get(`/api/v1/records/opportunity/${opp.id}`)).body).toMatchObject({ version: opp.version, stage: pipeline.stages.Proposal });
      // Moving to the other pipeline with one of its stages is a normal update.
      const both = await admin.patch(`/api/v1/records/opportunity/${opp.id}`, { pipeline: renewals.id, stage: renewals.stages.Upcoming, version: opp.version });
      expect(both.status).toBe(200);
      expect(both.body.probability).toBe(60);
    });

    it('a stage change fires a consultant’s workflow (and the plugin’s own), recorded as runs', async () => {
      const workflow = await admin.post('/api/v1/workflows', {
        id: 'negotiation-next-step',
        label: 'Prepare the contract when negotiating',
        entity: 'opportunity',
        trigger: { type: 'fieldChanged', field: 'stage', to: pipeline.stages.Negotiation },
        actions: [{ type: 'setFields', values: { nextStep: 'Prepare the contract' } }],
      });
      expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
      const account = await created('account', { name: 'Clínica San Gabriel' });
      const opp = await created('opportunity', { name: 'Clínica – bombas', account: account.id, pipeline: pipeline.id, stage: pipeline.stages.Proposal, amount: { amount: 12000, currency: 'PEN' } });
      const moved = await admin.patch(`/api/v1/records/opportunity/${opp.id}`, { stage: pipeline.stages.Negotiation, version: opp.version });
      expect(moved.body).toMatchObject({ probability: 75, weightedAmount: 9000 });
      await drain();
      const runs = (await admin.get('/api/v1/workflows/negotiation-next-step/runs')).body.data;
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'succeeded', recordId: opp.id });
      const afterRun = (await admin.get(`/api/v1/records/opportunity/${opp.id}`)).body;
      expect(afterRun.nextStep).toBe('Prepare the contract');

      const lost = await admin.patch(`/api/v1/records/opportunity/${opp.id}`, { stage: pipeline.stages['Closed lost'], version: afterRun.version });
      expect(lost.body.errors[0]).toMatchObject({ rule: 'lostNeedsReason' });
      const won = await admin.patch(`/api/v1/records/opportunity/${opp.id}`, { stage: pipeline.stages['Closed won'], version: afterRun.version });
      expect(won.body).toMatchObject({ isWon: true, closedAt: null });
      await drain();
      expect((await admin.get(`/api/v1/records/opportunity/${opp.id}`)).body.closedAt).toEqual(expect.any(String));
    });
  });

  describe('board and forecast for a rep with the own scope', () => {
    beforeAll(async () => {
      const account = await created('account', { name: 'Frío Pacífico Logística S.A.C.' });
      const opp = (name: string, owner: number, stage: string, amount: number, currency: string, close: string) =>
        created('opportunity', { name, account: account.id, pipeline: renewals.id, stage: renewals.stages[stage], owner, amount: { amount, currency }, expectedCloseDate: close });
      await opp('Ana 1', reps.ana!.id, 'Upcoming', 1000, 'USD', '2031-01-15');
      await opp('Ana 2', reps.ana!.id, 'Upcoming', 500, 'USD', '2031-02-10');
      await opp('Ana 3', reps.ana!.id, 'Renewed', 2000, 'USD', '2031-01-20');
      await opp('Ana 4', reps.ana!.id, 'In negotiation', 300000, 'JPY', '2031-03-01');
      await opp('Diego 1', reps.diego!.id, 'Upcoming', 7000, 'USD', '2031-01-05');
      await opp('Diego 2', reps.diego!.id, 'Renewed', 9000, 'USD', '2031-02-05');
    });

    it('the board shows a rep only their own opportunities, counts and sums included', async () => {
      const board = await reps.ana!.http.get(`/api/v1/plugins/sales/board?pipeline=${renewals.id}`);
      expect(board.status, JSON.stringify(board.body)).toBe(200);
      const byStage = Object.fromEntries(board.body.stages.map((s: { stage: { name: string } }) => [s.stage.name, s]));
      expect(byStage.Upcoming).toMatchObject({ count: 2, totals: [{ currency: 'USD', amount: 1500, weighted: 900, count: 2 }] });
      expect(byStage.Upcoming.cards.map((c: { name: string }) => c.name)).toEqual(['Ana 1', 'Ana 2']);
      expect(byStage['In negotiation']).toMatchObject({ count: 1, totals: [{ currency: 'JPY', amount: 300000, weighted: 240000, count: 1 }] });
      expect(byStage.Renewed).toMatchObject({ count: 1, totals: [{ currency: 'USD', amount: 2000 }] });
      const all = await admin.get(`/api/v1/plugins/sales/board?pipeline=${renewals.id}`);
      const upcoming = all.body.stages.find((s: { stage: { name: string } }) => s.stage.name === 'Upcoming');
      expect(upcoming.cards.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Ana 1', 'Ana 2', 'Diego 1']));
      const diegos = await admin.get(`/api/v1/plugins/sales/board?pipeline=${renewals.id}&owner=${reps.diego!.id}&cards=0`);
      expect(diegos.body.stages.map((s: { count: number }) => s.count)).toEqual([1, 0, 1, 0]);
    });

    it('the forecast separates won and open, weighted, per period and owner — only the rep’s own', async () => {
      const forecast = await reps.ana!.http.get('/api/v1/plugins/sales/forecast?from=2031-01-01&to=2031-03-31&period=month');
      expect(forecast.status, JSON.stringify(forecast.body)).toBe(200);
      expect(forecast.body.data).toEqual([
        { period: '2031-01', owner: reps.ana!.id, won: [{ currency: 'USD', amount: 2000, count: 1 }], open: [{ currency: 'USD', amount: 1000, weighted: 600, count: 1 }], lostCount: 0 },
        { period: '2031-02', owner: reps.ana!.id, won: [], open: [{ currency: 'USD', amount: 500, weighted: 300, count: 1 }], lostCount: 0 },
        { period: '2031-03', owner: reps.ana!.id, won: [], open: [{ currency: 'JPY', amount: 300000, weighted: 240000, count: 1 }], lostCount: 0 },
      ]);
      const quarter = await admin.get('/api/v1/plugins/sales/forecast?from=2031-01-01&to=2031-03-31&period=quarter');
      expect(quarter.body.data.map((r: { period: string; owner: number }) => [r.period, r.owner])).toEqual([
        ['2031-Q1', reps.ana!.id],
        ['2031-Q1', reps.diego!.id],
      ]);
      const bad = await admin.get('/api/v1/plugins/sales/forecast?from=2031-04-01&to=2031-03-31');
      expect(bad.body.code).toBe('SALES_FORECAST_RANGE_INVALID');
    });
  });

  it('suggests to an account what accounts of its industry bought and it has not', async () => {
    const product = async (code: string) => created('product', { name: code, code });
    const [p1, p2, p3] = [await product('XS-1'), await product('XS-2'), await product('XS-3')];
    const buy = async (accountId: number, products: { id: number }[], status = 'ordered') => {
      const quote = await created('quote', { number: `XS-${accountId}-${Math.random().toString(36).slice(2, 7)}`, account: accountId, currency: 'USD' });
      for (const p of products) await created('quoteLine', { quote: quote.id, product: p.id, quantity: 1, unitPrice: { amount: 10, currency: 'USD' } });
      const current = (await admin.get(`/api/v1/records/quote/${quote.id}`)).body;
      await admin.patch(`/api/v1/records/quote/${quote.id}`, { status, ...(status === 'ordered' ? { orderNumber: `SO-${quote.number}` } : {}), version: current.version });
    };
    const mine = await created('account', { name: 'Viña Valle del Maipo SpA', industry: 'hospitality' });
    const peers = [await created('account', { name: 'Peer A', industry: 'hospitality' }), await created('account', { name: 'Peer B', industry: 'hospitality' })];
    const outsider = await created('account', { name: 'Outsider', industry: 'mining' });
    await buy(mine.id, [p1]);
    await buy(peers[0].id, [p1, p2]);
    await buy(peers[1].id, [p2, p3]);
    await buy(outsider.id, [p3, p3]);
    await buy(peers[1].id, [p3], 'draft'); // not bought
    const hint = await admin.get(`/api/v1/plugins/sales/accounts/${mine.id}/cross-sell`);
    expect(hint.status, JSON.stringify(hint.body)).toBe(200);
    expect(hint.body).toMatchObject({ industry: 'hospitality', peers: 2 });
    expect(hint.body.data.map((d: { product: { code: string }; boughtBy: number }) => [d.product.code, d.boughtBy])).toEqual([
      ['XS-2', 2],
      ['XS-3', 1],
    ]);
  });
});
