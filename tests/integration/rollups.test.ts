import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

const OPEN = { '!': { in: [{ var: 'stage' }, ['won', 'lost']] } };

/** Companies roll up their deals; deals read their company through formulas. */
const company = defineEntity({
  name: 'company',
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true },
    industry: { type: 'select', options: ['tech', 'retail', 'energy'] },
    dealCount: { type: 'rollup', rollup: { relation: 'deals', op: 'count' } },
    openPipeline: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'amount', where: OPEN } },
    wonCount: { type: 'rollup', rollup: { relation: 'deal.company', op: 'count', where: { '==': [{ var: 'stage' }, 'won'] } } },
    biggest: { type: 'rollup', rollup: { relation: 'deals', op: 'max', field: 'amount' } },
    smallest: { type: 'rollup', rollup: { relation: 'deals', op: 'min', field: 'amount', where: OPEN } },
    average: { type: 'rollup', rollup: { relation: 'deals', op: 'avg', field: 'amount' } },
    firstClose: { type: 'rollup', rollup: { relation: 'deals', op: 'min', field: 'closeDate', resultType: 'date' } },
    units: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'quantity', resultType: 'integer' } },
    // A formula over roll-ups is refreshed with them.
    hasWon: { type: 'computed', resultType: 'boolean', formula: { '>': [{ var: 'wonCount' }, 0] } },
  },
});

const deal = defineEntity({
  name: 'deal',
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true },
    stage: { type: 'select', options: ['lead', 'proposal', 'won', 'lost'], default: 'lead' },
    amount: { type: 'currency', defaultCurrency: 'EUR' },
    quantity: { type: 'integer' },
    closeDate: { type: 'date' },
    company: { type: 'relation', target: 'company', inverse: 'deals' },
    industry: { type: 'computed', resultType: 'text', formula: { var: 'company.industry' } },
    label: { type: 'computed', resultType: 'text', formula: { cat: [{ var: 'title' }, ' @ ', { var: 'company.name' }] } },
    // Beside formulas reading through `company`, one reading the bare relation still sees the id.
    companyRef: { type: 'computed', resultType: 'integer', formula: { var: 'company' } },
    reference: { type: 'text', defaultFormula: { cat: ['D-', { var: '$today' }, '-', { var: 'title' }] } },
    reviewer: { type: 'user', defaultFormula: { var: '$user' } },
    priority: { type: 'select', options: ['high', 'normal'], required: true, defaultFormula: { if: [{ '>': [{ var: 'amount.amount' }, 10000] }, 'high', 'normal'] } },
  },
});

const crm = definePlugin({ id: 'rollup-crm', version: '1.0.0', entities: [company, deal] });

/** A plugin whose roll-up sums a text field: refused when it loads, with the path. */
const broken = definePlugin({
  id: 'broken-rollup',
  version: '1.0.0',
  entities: [
    defineEntity({ name: 'team', fields: { name: { type: 'text' }, total: { type: 'rollup', rollup: { relation: 'members', op: 'sum', field: 'name' } } } }),
    defineEntity({ name: 'member', fields: { name: { type: 'text' }, team: { type: 'relation', target: 'team', inverse: 'members' } } }),
  ],
});

/** A roll-up over a formula that reads the roll-up back: refused, it would never settle. */
const looping = definePlugin({
  id: 'looping-rollup',
  version: '1.0.0',
  entities: [
    defineEntity({ name: 'box', fields: { total: { type: 'rollup', rollup: { relation: 'items', op: 'sum', field: 'share' } } } }),
    defineEntity({ name: 'item', fields: { box: { type: 'relation', target: 'box', inverse: 'items' }, share: { type: 'computed', resultType: 'decimal', formula: { '/': [{ var: 'box.total' }, 2] } } } }),
  ],
});

describe.each(databases)('roll-ups, formula defaults and formulas over parents on $name', (database) => {
  let app: TestApp;
  let http: ReturnType<typeof httpClient>;
  const companyOf = async (id: number) => (await http.get(`/api/v1/records/company/${id}`)).body;
  const newCompany = async (name: string, industry = 'tech') => (await http.post('/api/v1/records/company', { name, industry })).body.id as number;
  const newDeal = async (body: Record<string, unknown>) => {
    const res = await http.post('/api/v1/records/deal', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const patch = async (entity: string, id: number, body: Record<string, unknown>) => {
    const current = (await http.get(`/api/v1/records/${entity}/${id}`)).body;
    const res = await http.patch(`/api/v1/records/${entity}/${id}`, { ...body, version: current.version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const rollups = (c: Record<string, unknown>) => ({
    dealCount: c.dealCount,
    openPipeline: c.openPipeline,
    wonCount: c.wonCount,
    biggest: c.biggest,
    smallest: c.smallest,
    average: c.average,
    firstClose: c.firstClose,
    units: c.units,
    hasWon: c.hasWon,
  });

  beforeAll(async () => {
    app = await createTestApp({ plugins: [crm, broken, looping], databaseUrl: (await database.fresh()).url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(() => app.close());

  it('refuses plugins whose roll-up sums a text field or loops through a formula, naming the path', async () => {
    const health = (await http.get('/api/v1/health')).body;
    const failed = health.plugins.find((p: { name: string }) => p.name === 'broken-rollup');
    expect(failed).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_METADATA_INVALID', error: expect.stringContaining('team.total.rollup.field: sum cannot aggregate member.name, a text field') });
    expect(health.plugins.find((p: { name: string }) => p.name === 'looping-rollup')).toMatchObject({ state: 'failed', error: expect.stringContaining('box.total, item.share are computed from each other across records') });
    expect(health.plugins.find((p: { name: string }) => p.name === 'rollup-crm'), JSON.stringify(health.plugins.find((p: { name: string }) => p.name === 'rollup-crm'))).toMatchObject({ state: 'enabled' });
  });

  it('starts a parent with empty roll-ups: count and sum 0, the others null', async () => {
    const id = await newCompany('Empty Ltd');
    expect(rollups(await companyOf(id))).toEqual({ dealCount: 0, openPipeline: 0, wonCount: 0, biggest: null, smallest: null, average: null, firstClose: null, units: 0, hasWon: false });
  });

  it('keeps count, sum, min, max and avg current, with and without a condition, as children are created', async () => {
    const acme = await newCompany('Acme');
    const before = await companyOf(acme);
    await newDeal({ title: 'Small', company: acme, amount: { amount: 100 }, quantity: 1, closeDate: '2026-05-01' });
    await newDeal({ title: 'Medium', company: acme, stage: 'proposal', amount: { amount: 250.5 }, quantity: 2, closeDate: '2026-03-15' });
    await newDeal({ title: 'Won', company: acme, stage: 'won', amount: { amount: 400 }, quantity: 4 });
    const after = await companyOf(acme);
    expect(rollups(after)).toEqual({ dealCount: 3, openPipeline: 350.5, wonCount: 1, biggest: 400, smallest: 100, average: 250.17, firstClose: '2026-03-15', units: 7, hasWon: true });
    // Derived data: the parent's version and updatedAt stay as its own last edit left them.
    expect([after.version, after.updatedAt]).toEqual([before.version, before.updatedAt]);
  });

  it('recomputes when a child changes its amount or what the condition reads', async () => {
    const id = await newCompany('Changing');
    const a = await newDeal({ title: 'A', company: id, amount: { amount: 100 } });
    await newDeal({ title: 'B', company: id, amount: { amount: 50 } });
    await patch('deal', a.id, { amount: { amount: 300 } });
    expect(rollups(await companyOf(id))).toMatchObject({ openPipeline: 350, biggest: 300, smallest: 50, average: 175, wonCount: 0, hasWon: false });
    await patch('deal', a.id, { stage: 'won' });
    expect(rollups(await companyOf(id))).toMatchObject({ openPipeline: 50, smallest: 50, wonCount: 1, dealCount: 2, hasWon: true });
    await patch('deal', a.id, { title: 'A renamed' }); // not an input: nothing to recompute, nothing changes
    expect(rollups(await companyOf(id))).toMatchObject({ openPipeline: 50, wonCount: 1 });
  });

  it('recomputes both parents when a child moves from one to the other', async () => {
    const [from, to] = [await newCompany('From'), await newCompany('To')];
    const moving = await newDeal({ title: 'Mover', company: from, amount: { amount: 70 } });
    await newDeal({ title: 'Stays', company: from, amount: { amount: 30 } });
    await patch('deal', moving.id, { company: to });
    expect(rollups(await companyOf(from))).toMatchObject({ dealCount: 1, openPipeline: 30, biggest: 30 });
    expect(rollups(await companyOf(to))).toMatchObject({ dealCount: 1, openPipeline: 70, biggest: 70 });
    await patch('deal', moving.id, { company: null });
    expect(rollups(await companyOf(to))).toMatchObject({ dealCount: 0, openPipeline: 0, biggest: null });
  });

  it('leaves deleted children out, and counts them again when restored', async () => {
    const id = await newCompany('Deleting');
    const gone = await newDeal({ title: 'Gone', company: id, stage: 'won', amount: { amount: 500 } });
    await newDeal({ title: 'Kept', company: id, amount: { amount: 20 } });
    expect((await http.delete(`/api/v1/records/deal/${gone.id}`)).status).toBe(204);
    expect(rollups(await companyOf(id))).toMatchObject({ dealCount: 1, wonCount: 0, biggest: 20, average: 20, hasWon: false });
    expect((await http.post(`/api/v1/records/deal/${gone.id}/restore`)).status).toBe(200);
    expect(rollups(await companyOf(id))).toMatchObject({ dealCount: 2, wonCount: 1, biggest: 500, average: 260, hasWon: true });
  });

  it('keeps both parents exact under concurrent child creates', async () => {
    const [one, two] = [await newCompany('Concurrent 1'), await newCompany('Concurrent 2')];
    const bodies = Array.from({ length: 24 }, (_, i) => ({ title: `C${i}`, company: i % 2 === 0 ? one : two, amount: { amount: i + 1 }, quantity: 1 }));
    const results = await Promise.all(bodies.map((b) => http.post('/api/v1/records/deal', b)));
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const sum = (parity: number) => bodies.filter((_, i) => i % 2 === parity).reduce((s, b) => s + b.amount.amount, 0);
    expect(rollups(await companyOf(one))).toMatchObject({ dealCount: 12, units: 12, openPipeline: sum(0) });
    expect(rollups(await companyOf(two))).toMatchObject({ dealCount: 12, units: 12, openPipeline: sum(1) });
  });

  it('keeps every parent of a bulk create current', async () => {
    const [one, two] = [await newCompany('Bulk 1'), await newCompany('Bulk 2')];
    const res = await http.post('/api/v1/records/deal/bulk', Array.from({ length: 10 }, (_, i) => ({ title: `B${i}`, company: i < 7 ? one : two, amount: { amount: 10 } })));
    expect(res.status).toBe(201);
    expect((await companyOf(one)).openPipeline).toBe(70);
    expect((await companyOf(two)).openPipeline).toBe(30);
  });

  it('refuses a write to a roll-up with a 400 naming the field', async () => {
    const created = await http.post('/api/v1/records/company', { name: 'Writer', dealCount: 5 });
    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ code: 'KITH_VALIDATION_FAILED', field: 'dealCount', errors: [{ field: 'dealCount', code: 'KITH_FIELD_READ_ONLY' }] });
    const id = await newCompany('Writer');
    const patched = await http.patch(`/api/v1/records/company/${id}`, { openPipeline: 1, version: 1 });
    expect(patched.status).toBe(400);
    expect(patched.body.errors[0]).toMatchObject({ field: 'openPipeline', code: 'KITH_FIELD_READ_ONLY' });
  });

  it('filters and sorts on roll-ups like on any stored field', async () => {
    const res = await http.get(`/api/v1/records/company?filter=${encodeURIComponent(JSON.stringify({ wonCount: { $gte: 1 } }))}&sort=-openPipeline&fields=name,wonCount,openPipeline`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const c of res.body.data) expect(c.wonCount).toBeGreaterThanOrEqual(1);
    const pipelines = res.body.data.map((c: { openPipeline: number }) => c.openPipeline);
    expect(pipelines).toEqual([...pipelines].sort((a, b) => b - a));
  });

  it('reads parent fields in formulas, and refreshes the children when the parent changes', async () => {
    const id = await newCompany('Parent Co', 'retail');
    const child = await newDeal({ title: 'Child', company: id });
    expect(child).toMatchObject({ industry: 'retail', label: 'Child @ Parent Co', companyRef: id });
    await patch('company', id, { industry: 'energy', name: 'Renamed Co' });
    const after = (await http.get(`/api/v1/records/deal/${child.id}`)).body;
    expect(after).toMatchObject({ industry: 'energy', label: 'Child @ Renamed Co', version: child.version });
    const other = await newCompany('Other', 'tech');
    expect(await patch('deal', child.id, { company: other })).toMatchObject({ industry: 'tech', label: 'Child @ Other' });
    expect(await patch('deal', child.id, { company: null })).toMatchObject({ industry: null, label: 'Child @ ' });
  });

  it('fills a field left out from its default formula: input, $today and $user', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const big = await newDeal({ title: 'Big', amount: { amount: 20000 } });
    expect(big).toMatchObject({ reference: `D-${today}-Big`, priority: 'high', reviewer: expect.any(Number) });
    const small = await newDeal({ title: 'Small', amount: { amount: 10 }, reference: 'mine', priority: 'high', reviewer: null });
    expect(small).toMatchObject({ reference: 'mine', priority: 'high', reviewer: null });
    expect(await newDeal({ title: 'None' })).toMatchObject({ priority: 'normal' });
    // An update never applies defaults.
    expect(await patch('deal', small.id, { title: 'Small 2' })).toMatchObject({ reference: 'mine' });
  });

  it('adds a roll-up over the API and computes it for the existing records', async () => {
    const id = await newCompany('Backfilled');
    await newDeal({ title: 'L1', company: id, stage: 'lost', closeDate: '2026-01-02' });
    await newDeal({ title: 'L2', company: id, stage: 'lost', closeDate: '2026-04-02' });
    await newDeal({ title: 'Open', company: id });
    const added = await http.post('/api/v1/metadata/entities/company/fields', { name: 'lostCount', type: 'rollup', rollup: { relation: 'deals', op: 'count', where: { '==': [{ var: 'stage' }, 'lost'] } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const lastLost = await http.post('/api/v1/metadata/entities/company/fields', { name: 'lastLost', type: 'rollup', rollup: { relation: 'deals', op: 'max', field: 'closeDate', where: { '==': [{ var: 'stage' }, 'lost'] } } });
    expect(lastLost.status, JSON.stringify(lastLost.body)).toBe(201);
    expect(lastLost.body.rollup.resultType).toBe('date'); // inferred from deal.closeDate
    expect(await companyOf(id)).toMatchObject({ lostCount: 2, lastLost: '2026-04-02' });
    await newDeal({ title: 'L3', company: id, stage: 'lost', closeDate: '2026-06-30' });
    expect(await companyOf(id)).toMatchObject({ lostCount: 3, lastLost: '2026-06-30' });
  });

  it('adds a formula default and a formula over a parent over the API', async () => {
    const field = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'source', type: 'text', defaultFormula: { if: [{ var: 'company' }, 'account', 'direct'] } });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const formula = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'companyName', type: 'computed', resultType: 'text', formula: { var: 'company.name' } });
    expect(formula.status, JSON.stringify(formula.body)).toBe(201);
    const id = await newCompany('Via API');
    expect(await newDeal({ title: 'With', company: id })).toMatchObject({ source: 'account', companyName: 'Via API' });
    expect(await newDeal({ title: 'Without' })).toMatchObject({ source: 'direct', companyName: null });
  });

  it.each([
    [{ name: 'bad1', type: 'rollup', rollup: { relation: 'invoices', op: 'count' } }, 'company.bad1.rollup.relation', /"invoices" is not a one-to-many list of company; lists pointing at company: "deals" \(deal.company\)/],
    [{ name: 'bad2', type: 'rollup', rollup: { relation: 'deal.title', op: 'count' } }, 'company.bad2.rollup.relation', /deal.title is not a relation pointing at company/],
    [{ name: 'bad3', type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'title' } }, 'company.bad3.rollup.field', /sum cannot aggregate deal.title, a text field/],
    [{ name: 'bad4', type: 'rollup', rollup: { relation: 'deals', op: 'avg', field: 'closeDate' } }, 'company.bad4.rollup.field', /avg needs a number or an amount, but deal.closeDate is a date/],
    [{ name: 'bad5', type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'nope' } }, 'company.bad5.rollup.field', /"nope" is not a field of deal/],
    [{ name: 'bad6', type: 'rollup', rollup: { relation: 'deals', op: 'count', where: { '==': [{ var: 'colour' }, 'red'] } } }, 'company.bad6.rollup.where', /"colour" is not a field of deal/],
    [{ name: 'bad7', type: 'rollup', rollup: { relation: 'deals', op: 'count', where: { '==': [{ var: 'stage' }, { var: '$user.id' }] } } }, 'company.bad7.rollup.where', /reads only fields of deal/],
    [{ name: 'bad8', type: 'rollup', rollup: { relation: 'deals', op: 'count', where: { cat: ['a', 'b'] } } }, 'company.bad8.rollup.where', /"cat" is not supported/],
    [{ name: 'bad9', type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'amount', resultType: 'integer' } }, 'company.bad9.rollup.resultType', /has decimals: use "resultType": "decimal"/],
    [{ name: 'bad10', type: 'rollup', rollup: { relation: 'deals', op: 'median', field: 'amount' } }, 'rollup.op', /must be equal to one of the allowed values|rollup.op/],
  ])('refuses a bad roll-up with a coded 400 naming the path (%#)', async (body, path, message) => {
    const res = await http.post('/api/v1/metadata/entities/company/fields', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_METADATA_INVALID');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: path, message: expect.stringMatching(message) })]));
    expect((await http.get('/api/v1/metadata/entities/company')).body.fields.some((f: { name: string }) => f.name === body.name)).toBe(false);
  });

  it.each([
    [{ name: 'f1', type: 'computed', resultType: 'text', formula: { var: 'company.nope' } }, 'deal.f1.formula', 'KITH_FORMULA_UNKNOWN_FIELD', /"nope" is not a field of company/],
    [{ name: 'f2', type: 'computed', resultType: 'text', formula: { var: 'nothing' } }, 'deal.f2.formula', 'KITH_FORMULA_UNKNOWN_FIELD', /"nothing" is not a field of deal/],
    [{ name: 'f3', type: 'computed', resultType: 'text', formula: { if: [{ var: 'company' }, { var: 'company.name' }, ''] } }, 'deal.f3.formula', 'KITH_FORMULA_INVALID', /write "company.id" for its id/],
    [{ name: 'f4', type: 'text', defaultFormula: { var: 'company.name' } }, 'deal.f4.defaultFormula', 'KITH_FORMULA_INVALID', /reads the input only/],
    [{ name: 'f5', type: 'text', defaultFormula: { log: 'x' } }, 'deal.f5.defaultFormula', 'KITH_FORMULA_INVALID', /"log"/],
    [{ name: 'f6', type: 'text', defaultFormula: { var: '$tomorrow' } }, 'deal.f6.defaultFormula', 'KITH_FORMULA_UNKNOWN_FIELD', /\$now, \$today, \$user/],
  ])('refuses a bad formula with a coded 400 naming the path (%#)', async (body, path, code, message) => {
    const res = await http.post('/api/v1/metadata/entities/deal/fields', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_METADATA_INVALID');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: path, code, message: expect.stringMatching(message) })]));
  });

  it('settles a formula over a parent roll-up in the same write', async () => {
    // deal.companyDeals reads company.dealCount: a new sibling refreshes it on every deal of the company.
    const formula = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'companyDeals', type: 'computed', resultType: 'integer', formula: { var: 'company.dealCount' } });
    expect(formula.status, JSON.stringify(formula.body)).toBe(201);
    const id = await newCompany('Siblings');
    const first = await newDeal({ title: 'First', company: id });
    expect((await http.get(`/api/v1/records/deal/${first.id}`)).body.companyDeals).toBe(1);
    await newDeal({ title: 'Second', company: id });
    expect((await http.get(`/api/v1/records/deal/${first.id}`)).body.companyDeals).toBe(2);
  });
});

describe.each(databases)('a roll-up a plugin upgrade brings, on $name', (database) => {
  const parent = (rollups: boolean) =>
    defineEntity({ name: 'project', fields: { name: { type: 'text' }, ...(rollups ? { hours: { type: 'rollup', rollup: { relation: 'tasks', op: 'sum', field: 'hours', resultType: 'integer' } } } : {}) } });
  const task = defineEntity({ name: 'task', fields: { hours: { type: 'integer' }, project: { type: 'relation', target: 'project', inverse: 'tasks' } } });
  const version = (v: string, rollups: boolean) => definePlugin({ id: 'projects', version: v, entities: [parent(rollups), task] });

  it('is computed over the existing records when the upgraded plugin starts', async () => {
    const { url } = await database.fresh();
    const v1 = await createTestApp({ plugins: [version('1.0.0', false)], databaseUrl: url });
    const system = { userId: null, channel: 'seed', isAdmin: true } as const;
    const [p1, p2] = await v1.records.bulkCreate('project', [{ name: 'One' }, { name: 'Two' }], system);
    await v1.records.bulkCreate('task', [{ hours: 3, project: p1!.id }, { hours: 4, project: p1!.id }, { hours: 5, project: p2!.id }], system);
    await v1.close();
    const v2 = await createTestApp({ plugins: [version('1.1.0', true)], databaseUrl: url });
    try {
      const http = httpClient(v2.server, v2.adminHeaders);
      const projects = (await http.get('/api/v1/records/project?sort=id')).body.data;
      expect(projects.map((p: { hours: number }) => p.hours)).toEqual([7, 5]);
      expect((await http.post('/api/v1/records/task', { hours: 10, project: p2!.id })).status).toBe(201);
      expect((await http.get(`/api/v1/records/project/${p2!.id}`)).body.hours).toBe(15);
    } finally {
      await v2.close();
    }
  });
});
