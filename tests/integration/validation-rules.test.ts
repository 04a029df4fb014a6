import { createTestApp, type TestApp } from '@kith/core/testing';
import { definePlugin, type EntityDefinition } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, deal, salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

/** A plugin that brings a base rule for another plugin's entity. */
const dealPolicy = definePlugin({
  id: 'deal-policy',
  version: '1.0.0',
  rules: [{ name: 'probability-cap', entity: 'deal', condition: { '>': [{ var: 'probability' }, 90] }, message: 'Above 90% needs a manager.', fields: ['probability'] }],
});

/** The sales fixture, upgraded: deal gains a field (and loses its computed one). */
const dealV2: EntityDefinition = {
  ...deal,
  fields: [...deal.fields.filter((f) => f.type !== 'computed'), { id: 'deal.region', name: 'region', type: 'text', label: { en: 'Region' }, source: deal.source }],
};

const wonNeedsAmount = {
  name: 'wonNeedsAmount',
  condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'amount.amount' } }] },
  message: { en: 'A won deal needs an amount.', es: 'Un negocio ganado necesita un importe.' },
  fields: ['amount', 'stage'],
};
const wonNeedsCloseDate = {
  name: 'won-needs-close-date',
  condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { missing: ['closeDate'] }] },
  message: 'A won deal needs a close date.',
  fields: ['closeDate'],
};
const rules = '/api/v1/metadata/entities/deal/rules';

describe.each(databases)('validation rules on $name', (database) => {
  let app: TestApp;
  let url: string;
  let http: ReturnType<typeof httpClient>;
  const count = async (sql: string) => Number((await app.db.reader.all(sql, []))[0]?.[0]);
  const deals = () => count('SELECT COUNT(*) FROM "deal"');
  const audits = () => count('SELECT COUNT(*) FROM "kith_audit"');
  const customisations = async () => (await http.get('/api/v1/metadata/customisations')).body.data.length as number;

  beforeAll(async () => {
    url = (await database.fresh()).url;
    app = await createTestApp({ plugins: [salesFixture, dealPolicy], databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(() => app.close());

  it('adds rules as customisations, recorded in the metadata history', async () => {
    const created = await http.post(rules, wonNeedsAmount);
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/api/v1/metadata/entities/deal/rules/wonNeedsAmount');
    expect(created.body).toMatchObject({ name: 'wonNeedsAmount', entity: 'deal', active: true, source: 'custom', message: wonNeedsAmount.message, fields: ['amount', 'stage'] });
    expect((await http.post(rules, wonNeedsCloseDate)).body.message).toEqual({ en: 'A won deal needs a close date.' });
    const listed = await http.get(rules);
    expect(listed.body.data.map((r: { name: string }) => r.name)).toEqual(['probability-cap', 'wonNeedsAmount', 'won-needs-close-date']);
    const history = await http.get('/api/v1/metadata/history');
    expect(history.body.data.slice(0, 2).map((h: { kind: string }) => h.kind)).toEqual(['addRule', 'addRule']);
    expect(history.body.data[1].change.rule).toMatchObject({ name: 'wonNeedsAmount', condition: wonNeedsAmount.condition });
  });

  it('refuses a write that breaks rules with every message and its field pointers, and stores nothing', async () => {
    const [before, auditsBefore] = [await deals(), await audits()];
    const res = await http.post('/api/v1/records/deal', { title: 'Big one', stage: 'won' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_VALIDATION_RULE_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'amount', code: 'KITH_RULE_FAILED', rule: 'wonNeedsAmount', message: 'A won deal needs an amount.' },
      { field: 'stage', code: 'KITH_RULE_FAILED', rule: 'wonNeedsAmount', message: 'A won deal needs an amount.' },
      { field: 'closeDate', code: 'KITH_RULE_FAILED', rule: 'won-needs-close-date', message: 'A won deal needs a close date.' },
    ]);
    expect(res.body.detail).toBe('A won deal needs an amount. A won deal needs a close date.');
    expect([await deals(), await audits()]).toEqual([before, auditsBefore]);
    const ok = await http.post('/api/v1/records/deal', { title: 'Big one', stage: 'won', amount: { amount: 5000 }, closeDate: '2026-03-01' });
    expect(ok.status).toBe(201);
  });

  it('refuses an update that would break a rule; the stored record and its history stay as they were', async () => {
    const created = (await http.post('/api/v1/records/deal', { title: 'Patch me', amount: { amount: 100 } })).body;
    const auditsBefore = await audits();
    const res = await http.patch(`/api/v1/records/deal/${created.id}`, { stage: 'won', closeDate: '2026-04-01', amount: null, version: created.version });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { rule: string; field: string }) => [e.rule, e.field])).toEqual([
      ['wonNeedsAmount', 'amount'],
      ['wonNeedsAmount', 'stage'],
    ]);
    const stored = (await http.get(`/api/v1/records/deal/${created.id}`)).body;
    expect(stored).toMatchObject({ version: created.version, stage: 'lead', amount: { amount: 100, currency: 'EUR' } });
    expect(await audits()).toBe(auditsBefore);
    expect((await http.get(`/api/v1/records/deal/${created.id}/history`)).body.data).toHaveLength(1);
    // The stored amount counts: only the stage and date change, so the rule passes.
    expect((await http.patch(`/api/v1/records/deal/${created.id}`, { stage: 'won', closeDate: '2026-04-01', version: created.version })).status).toBe(200);
  });

  it('reports per-row errors with the row index in a bulk create, and stores no row', async () => {
    const before = await deals();
    const res = await http.post('/api/v1/records/deal/bulk', [
      { title: 'Fine' },
      { title: 'Won, no amount', stage: 'won', closeDate: '2026-01-01' },
      { title: 'Too sure', probability: 95 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_VALIDATION_RULE_FAILED');
    expect(res.body.errors.map((e: { index: number; rule: string; field: string }) => [e.index, e.rule, e.field])).toEqual([
      [1, 'wonNeedsAmount', 'amount'],
      [1, 'wonNeedsAmount', 'stage'],
      [2, 'probability-cap', 'probability'],
    ]);
    expect(await deals()).toBe(before);
  });

  it('stops applying a rule once it is deactivated, and applies it again when reactivated', async () => {
    const off = await http.patch(`${rules}/won-needs-close-date`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await http.post('/api/v1/records/deal', { title: 'No date', stage: 'won', amount: { amount: 1 } })).status).toBe(201);
    expect((await http.patch(`${rules}/won-needs-close-date`, { active: true, message: 'Set the close date of a won deal.' })).status).toBe(200);
    const res = await http.post('/api/v1/records/deal', { title: 'No date', stage: 'won', amount: { amount: 1 } });
    expect(res.body.errors).toEqual([{ field: 'closeDate', code: 'KITH_RULE_FAILED', rule: 'won-needs-close-date', message: 'Set the close date of a won deal.' }]);
  });

  it('counts a rule that cannot be evaluated on the data as failing, with the reason, never a 500', async () => {
    const rule = { name: 'oddPath', condition: { '==': [{ var: { cat: [{ var: 'title' }] } }, 'x'] }, message: 'Odd title.', fields: ['title'] };
    expect((await http.post(rules, rule)).status).toBe(201);
    expect((await http.post('/api/v1/records/deal', { title: 'Normal' })).status).toBe(201);
    const res = await http.post('/api/v1/records/deal', { title: 'constructor' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'title', rule: 'oddPath', code: 'KITH_RULE_FAILED' });
    expect(res.body.errors[0].message).toMatch(/^Odd title\. \(the rule "oddPath" could not be checked on this record: .*"constructor"/);
    expect((await http.delete(`${rules}/oddPath`)).status).toBe(204);
    expect((await http.get(`${rules}/oddPath`)).status).toBe(404);
  });

  it('dry-runs rules on a sample and on a stored record, without any side effect', async () => {
    const sample = await http.post(`${rules}/test`, { record: { title: 'Sample', stage: 'won', probability: 95 } });
    expect(sample.status).toBe(200);
    const outcome = (name: string, body = sample.body) => body.results.find((r: { rule: string }) => r.rule === name);
    expect(outcome('wonNeedsAmount')).toEqual({ rule: 'wonNeedsAmount', failed: true, message: 'A won deal needs an amount.', fields: ['amount', 'stage'], active: true });
    expect(outcome('won-needs-close-date').failed).toBe(true);
    expect(outcome('probability-cap').failed).toBe(true);

    const stored = (await http.post('/api/v1/records/deal', { title: 'Stored', amount: { amount: 10 } })).body;
    const [auditsBefore, dealsBefore] = [await audits(), await deals()];
    const byId = await http.post(`${rules}/test`, { id: stored.id, record: { stage: 'won' } });
    expect(byId.status).toBe(200);
    expect(byId.body.record).toMatchObject({ id: stored.id, stage: 'won', amount: { amount: 10, currency: 'EUR' } });
    expect(outcome('wonNeedsAmount', byId.body).failed).toBe(false);
    expect(outcome('won-needs-close-date', byId.body).failed).toBe(true);
    const one = await http.post(`${rules}/test`, { id: stored.id, rule: 'wonNeedsAmount', record: { amount: null, stage: 'won' } });
    expect(one.body.results).toEqual([expect.objectContaining({ rule: 'wonNeedsAmount', failed: true })]);
    const adHoc = await http.post(`${rules}/test`, { id: stored.id, condition: { '<': [{ var: 'amount.amount' }, 50] } });
    expect(adHoc.body.results).toEqual([expect.objectContaining({ rule: null, failed: true })]);

    expect((await http.get(`/api/v1/records/deal/${stored.id}`)).body.version).toBe(stored.version);
    expect([await audits(), await deals()]).toEqual([auditsBefore, dealsBefore]);
    expect((await http.post(`${rules}/test`, { rule: 'nope' })).status).toBe(404);
    expect((await http.post(`${rules}/test`, { condition: { '==': [{ var: '__proto__' }, 1] } })).body.code).toBe('KITH_RULE_INVALID');
    expect((await http.post(`${rules}/test`, { record: { stage: 'done' } })).body.code).toBe('KITH_VALIDATION_FAILED');
  });

  it('refuses bad rules when they are saved, naming every problem, and stores nothing', async () => {
    const before = await customisations();
    const cases: [Record<string, unknown>, RegExp[]][] = [
      [{ condition: { var: '__proto__' } }, [/goes through "__proto__"/]],
      [{ condition: { '==': [{ var: 'constructor.name' }, 'Object'] } }, [/goes through "constructor"/]],
      [{ condition: { eval: ['1'] } }, [/"eval" at \/eval is not an operator/]],
      [{ condition: { '==': [{ var: 'colour' }, 'red'] } }, [/reads "colour", but "colour" is not a field of deal/]],
      [{ fields: ['colour'] }, [/"colour" in "fields" is not a field of deal/]],
      [{ name: 'wonNeedsAmount' }, [/already has a rule named "wonNeedsAmount"/]],
      [{ name: 'Bad name', condition: { '>': [{ var: 'margin' }, 1] }, fields: ['margin'] }, [/not a valid rule name/, /"margin" is not a field/, /"margin" in "fields"/]],
      [{ condition: undefined }, [/condition/]],
    ];
    for (const [change, messages] of cases) {
      const res = await http.post(rules, { name: 'bad', condition: true, message: 'Bad', ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.code).toBe('KITH_RULE_INVALID');
      const text = [res.body.detail, ...(res.body.errors ?? []).map((e: { message: string }) => e.message)].join('\n');
      for (const message of messages) expect(text, JSON.stringify(change)).toMatch(message);
    }
    expect((await http.patch(`${rules}/wonNeedsAmount`, { condition: { var: 'prototype' } })).body.code).toBe('KITH_RULE_INVALID');
    expect(await customisations()).toBe(before);
  });

  it('applies a plugin base rule, which a customisation can deactivate but not remove', async () => {
    expect((await http.get(`${rules}/probability-cap`)).body).toMatchObject({ source: 'plugin:deal-policy', active: true });
    expect((await http.post('/api/v1/records/deal', { title: 'Sure', probability: 95 })).body.errors).toEqual([
      { field: 'probability', code: 'KITH_RULE_FAILED', rule: 'probability-cap', message: 'Above 90% needs a manager.' },
    ]);
    const removal = await http.delete(`${rules}/probability-cap`);
    expect(removal.status).toBe(400);
    expect(removal.body.detail).toMatch(/belongs to plugin:deal-policy; deactivate it instead/);
    expect((await http.patch(`${rules}/probability-cap`, { active: false })).status).toBe(200);
    expect((await http.post('/api/v1/records/deal', { title: 'Sure', probability: 95 })).status).toBe(201);
  });

  it('keeps rules and rule changes across a base change', async () => {
    await app.registry.setBase([company, dealV2]);
    expect((await http.get(`${rules}/probability-cap`)).body.active).toBe(false);
    expect((await http.post('/api/v1/records/deal', { title: 'After upgrade', stage: 'won', closeDate: '2026-05-01', region: 'north' })).body.errors).toEqual([
      expect.objectContaining({ rule: 'wonNeedsAmount', field: 'amount' }),
      expect.objectContaining({ rule: 'wonNeedsAmount', field: 'stage' }),
    ]);
    expect((await http.get(`/api/v1/records/deal${q({ count: 'true' })}`)).status).toBe(200);
  });

  it('reloads every rule change from storage (a restart, another node)', async () => {
    const other = await createTestApp({ plugins: [salesFixture, dealPolicy], databaseUrl: url });
    try {
      const again = httpClient(other.server, other.adminHeaders);
      const listed = (await again.get(rules)).body.data.map((r: { name: string; active: boolean; message: { en: string } }) => [r.name, r.active, r.message.en]);
      expect(listed).toEqual([
        ['probability-cap', false, 'Above 90% needs a manager.'],
        ['wonNeedsAmount', true, 'A won deal needs an amount.'],
        ['won-needs-close-date', true, 'Set the close date of a won deal.'],
      ]);
      expect((await again.post('/api/v1/records/deal', { title: 'Elsewhere', stage: 'won', amount: { amount: 3 } })).body.errors).toEqual([
        { field: 'closeDate', code: 'KITH_RULE_FAILED', rule: 'won-needs-close-date', message: 'Set the close date of a won deal.' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('only administrators read, change and test rules', async () => {
    await http.post('/api/v1/metadata/roles', { name: 'deal-rep', grants: { deal: { create: 'all', read: 'all', edit: 'all', delete: 'none' } } });
    await http.post('/api/v1/users', { email: 'rep@example.com', name: 'Rep', password: 'correct horse battery', roles: ['deal-rep'] });
    const token = (await http.post('/api/v1/auth/login', { email: 'rep@example.com', password: 'correct horse battery' })).body.token;
    const rep = httpClient(app.server, { authorization: `Bearer ${token}` });
    for (const res of [await rep.get(rules), await rep.post(rules, wonNeedsAmount), await rep.patch(`${rules}/wonNeedsAmount`, { active: false }), await rep.delete(`${rules}/wonNeedsAmount`), await rep.post(`${rules}/test`, {})]) {
      expect(res.status).toBe(403);
    }
    // Rules bind everyone who writes, not only administrators.
    expect((await rep.post('/api/v1/records/deal', { title: 'Rep deal', stage: 'won', closeDate: '2026-01-01' })).body.code).toBe('KITH_VALIDATION_RULE_FAILED');
  });
});
