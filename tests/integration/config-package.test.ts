import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();
// Each metadata change runs a schema diff, which takes seconds on a busy PostgreSQL: room for a dozen.
const SCHEMA_CHANGES = 120_000;
type Http = ReturnType<typeof httpClient>;
type Files = Record<string, string>;

/** What both instances must agree on: entities, roles, rules and workflows as the API describes them (no revision). */
async function effective(http: Http, app: TestApp) {
  const entities = (await http.get('/api/v1/metadata/entities')).body.data as { name: string }[];
  const rules: Record<string, unknown> = {};
  for (const e of entities) rules[e.name] = (await http.get(`/api/v1/metadata/entities/${e.name}/rules`)).body.data;
  const workflows = [...app.registry.model.workflows.values()];
  return { entities, roles: (await http.get('/api/v1/metadata/roles')).body.data, rules, workflows, conflicts: (await http.get('/api/v1/metadata/customisations')).body.conflicts };
}

/** A workflow as a consultant adds it (through the registry: the workflow API is not what is tested here). */
const wonFollowUp = {
  id: 'won-follow-up',
  label: { en: 'Won follow-up' },
  entity: 'deal',
  trigger: { type: 'fieldChanged', field: 'stage', to: 'won' },
  actions: [{ type: 'notify', to: { formula: { var: 'record.createdBy' } }, title: 'Deal won: plan the kick-off' }],
  enabled: true,
  version: 1,
  source: 'custom',
} as const;

/** The consultant's work on the source instance: one of each kind of customisation. */
async function customise(http: Http, app: TestApp): Promise<void> {
  const ok = (res: { status: number; body: unknown }) => expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  ok(await http.post('/api/v1/metadata/entities', {
    name: 'siteVisit',
    label: { en: 'Site visit', es: 'Visita' },
    fields: [
      { name: 'subject', type: 'text', required: true },
      { name: 'company', type: 'relation', target: 'company', inverse: 'siteVisits' },
      { name: 'visitedAt', type: 'datetime' },
    ],
    indexes: [{ fields: ['visitedAt'] }],
    titleField: 'subject',
  }));
  ok(await http.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'select', options: ['north', 'south'] }));
  ok(await http.post('/api/v1/metadata/entities/company/fields', { name: 'vatNumber', type: 'text', label: { en: 'VAT number', es: 'RUC' }, maxLength: 20 }));
  ok(await http.patch('/api/v1/metadata/entities/deal/fields/title', { label: 'Deal name' }));
  ok(await http.patch('/api/v1/metadata/entities/company/fields/city', { required: true }));
  ok(await http.patch('/api/v1/metadata/entities/deal/fields/stage', { options: ['lead', 'proposal', 'won', 'lost', 'stalled'] }));
  ok(await http.post('/api/v1/metadata/entities/deal/indexes', { fields: ['stage', 'region'] }));
  ok(await http.patch('/api/v1/metadata/entities/deal', { label: 'Opportunity' }));
  ok(await http.post('/api/v1/metadata/roles', { name: 'fieldRep', label: 'Field rep', grants: { siteVisit: { create: 'own', read: 'own', edit: 'own', delete: 'none' }, deal: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } }));
  ok(await http.post('/api/v1/metadata/entities/deal/rules', { name: 'wonNeedsRegion', condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'region' } }] }, message: 'A won deal needs a region.', fields: ['region'] }));
  await app.registry.change({ kind: 'addWorkflow', workflow: wonFollowUp }, { userId: null });
}

describe.each(databases)('customisation packages (config as code) on $name', (database) => {
  let a: TestApp;
  let b: TestApp;
  let httpA: Http;
  let httpB: Http;
  let files: Files;
  const exportA = async (): Promise<Files> => (await httpA.get('/api/v1/config/export')).body.files;
  const storedB = async () => (await httpB.get('/api/v1/metadata/customisations')).body.data.length as number;

  beforeAll(async () => {
    a = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    b = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    httpA = httpClient(a.server, a.adminHeaders);
    httpB = httpClient(b.server, b.adminHeaders);
    await customise(httpA, a);
  }, SCHEMA_CHANGES);
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('exports deterministic files that parse: one per entity, role, rules of an entity and workflow, with a manifest', async () => {
    files = await exportA();
    expect(await exportA()).toEqual(files);
    expect(Object.keys(files)).toEqual(['kith-package.json', 'entities/company.json', 'entities/deal.json', 'entities/siteVisit.json', 'roles/fieldRep.json', 'rules/deal.json', 'workflows/won-follow-up.json']);
    for (const text of Object.values(files)) {
      expect(text.endsWith('}\n') || text.endsWith(']\n')).toBe(true);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const manifest = JSON.parse(files['kith-package.json']!);
    expect(manifest).toEqual({ format: 1, plugins: { 'sales-fixture': '1.0.0' }, order: expect.any(Array) });
    expect(manifest.order).toHaveLength(11);
    expect(JSON.parse(files['workflows/won-follow-up.json']!)).toEqual([{ kind: 'addWorkflow', workflow: wonFollowUp }]);
    const deal = JSON.parse(files['entities/deal.json']!);
    expect(deal.map((c: { kind: string }) => c.kind)).toEqual(['addField', 'updateField', 'updateField', 'addIndex', 'updateEntity']);
    expect(files['entities/deal.json']).not.toMatch(/"seq"|"createdAt"|"createdBy"/);
    expect(files['entities/deal.json']!.split('\n')[2]).toBe('    "kind": "addField",');
  });

  it('plans every change against a fresh instance with the same plugins, none destructive', async () => {
    const plan = await httpB.post('/api/v1/config/plan', { files });
    expect(plan.status).toBe(200);
    expect(plan.body.changes.map((c: { summary: string }) => c.summary)).toEqual([
      'add entity siteVisit (3 fields)',
      'add field deal.region (select)',
      'add field company.vatNumber (text)',
      'change field deal.title: label',
      'change field company.city: required',
      'change field deal.stage: add options stalled',
      'add index on deal (stage, region)',
      'change entity deal: label',
      'add role fieldRep (grants on deal, siteVisit)',
      'add rule deal.wonNeedsRegion',
      'add workflow won-follow-up (fieldChanged on deal, 1 action)',
    ]);
    expect(plan.body.changes.every((c: { destructive: boolean; rowsAtRisk: number }) => !c.destructive && c.rowsAtRisk === 0)).toBe(true);
    expect(plan.body.changes[0]).toMatchObject({ file: 'entities/siteVisit.json', index: 0, kind: 'addEntity' });
    expect(plan.body.onlyInTarget).toEqual([]);
    expect(plan.body.plugins).toEqual([]);
  });

  it('applies it: both instances have the same effective metadata, and a second apply changes nothing', async () => {
    const applied = await httpB.post('/api/v1/config/apply', { files });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.applied).toBe(11);
    expect(await effective(httpB, b)).toEqual(await effective(httpA, a));
    expect(b.registry.model.workflows.get('won-follow-up')).toEqual(wonFollowUp);
    const revision = (await httpB.get('/api/v1/metadata/entities')).body.revision;
    expect((await httpB.post('/api/v1/config/apply', { files })).body).toEqual({ applied: 0, changes: [] });
    expect((await httpB.post('/api/v1/config/plan', { files })).body.changes).toEqual([]);
    expect((await httpB.get('/api/v1/metadata/entities')).body.revision).toBe(revision);
    // B's export is A's, byte for byte: ids travel with the package.
    expect((await httpB.get('/api/v1/config/export')).body.files).toEqual(files);
    const visit = await httpB.post('/api/v1/records/siteVisit', { subject: 'Plant tour' });
    expect(visit.status).toBe(201);
  }, SCHEMA_CHANGES);

  it('flags removing a field that holds data in the target with its row count, and applies it only when confirmed', async () => {
    for (const vat of ['20100070970', '20512345678', null]) {
      expect((await httpB.post('/api/v1/records/company', { name: `Co ${vat}`, city: 'Lima', vatNumber: vat })).status).toBe(201);
    }
    expect((await httpA.delete('/api/v1/metadata/entities/company/fields/vatNumber?confirm=true')).status).toBe(204);
    files = await exportA();
    const plan = await httpB.post('/api/v1/config/plan', { files });
    expect(plan.body.changes).toEqual([expect.objectContaining({ kind: 'removeField', summary: 'remove field company.vatNumber', destructive: true, rowsAtRisk: 2, file: 'entities/company.json', index: 2 })]);
    const before = await storedB();
    const refused = await httpB.post('/api/v1/config/apply', { files });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('KITH_PACKAGE_CONFIRMATION_REQUIRED');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'entities/company.json[2]', message: expect.stringMatching(/remove field company.vatNumber — 2 row\(s\) hold a value/) })]);
    expect(await storedB()).toBe(before);
    const applied = await httpB.post('/api/v1/config/apply', { files, confirmDestructive: true });
    expect(applied.body).toMatchObject({ applied: 1, changes: [{ kind: 'removeField', status: 'applied' }] });
    expect(await effective(httpB, b)).toEqual(await effective(httpA, a));
  }, SCHEMA_CHANGES);

  it('carries workflow changes and removals, and flags a unique index the target\'s rows would break', async () => {
    await a.registry.change({ kind: 'updateWorkflow', workflowId: 'won-follow-up', changes: { enabled: false, condition: { '>': [{ var: 'record.amount.amount' }, 10000] } } }, { userId: null });
    await httpA.post('/api/v1/metadata/entities/company/indexes', { fields: ['website'], unique: true });
    files = await exportA();
    for (const site of ['acme.pe', 'acme.pe', 'inca.pe']) await httpB.post('/api/v1/records/company', { name: `Co ${site}`, city: 'Lima', website: `https://${site}` });
    const plan = await httpB.post('/api/v1/config/plan', { files });
    expect(plan.body.changes).toEqual([
      expect.objectContaining({ file: 'workflows/won-follow-up.json', index: 1, summary: 'change workflow won-follow-up: condition, enabled', rowsAtRisk: 0 }),
      expect.objectContaining({ file: 'entities/company.json', summary: 'add unique index on company (website)', destructive: false, rowsAtRisk: 2, risk: expect.stringMatching(/2 row\(s\) share their website/) }),
    ]);
    const failed = await httpB.post('/api/v1/config/apply', { files });
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ code: 'KITH_PACKAGE_APPLY_FAILED', applied: 1, errors: [{ code: 'KITH_METADATA_UNIQUE_VIOLATED' }] });
    expect(b.registry.model.workflows.get('won-follow-up')).toMatchObject({ enabled: false, version: 2 });
    const twin = (await httpB.get(`/api/v1/records/company${q({ filter: { website: 'https://acme.pe' }, limit: '1' })}`)).body.data[0];
    expect((await httpB.patch(`/api/v1/records/company/${twin.id}`, { website: 'https://acme.com.pe', version: twin.version })).status).toBe(200);
    expect((await httpB.post('/api/v1/config/apply', { files })).body.applied).toBe(1);

    await a.registry.change({ kind: 'removeWorkflow', workflowId: 'won-follow-up' }, { userId: null });
    files = await exportA();
    expect((await httpB.post('/api/v1/config/apply', { files })).body.changes).toEqual([expect.objectContaining({ kind: 'removeWorkflow', summary: 'remove workflow won-follow-up', destructive: false })]);
    expect(b.registry.model.workflows.has('won-follow-up')).toBe(false);
    expect(await effective(httpB, b)).toEqual(await effective(httpA, a));
  }, SCHEMA_CHANGES);

  it('stops at the first failing change, says which applied and which did not, and goes on once the data is fixed', async () => {
    await httpA.patch('/api/v1/metadata/entities/deal/fields/region', { required: true });
    await httpA.post('/api/v1/metadata/entities/deal/fields', { name: 'priority', type: 'integer' });
    files = await exportA();
    const deal = await httpB.post('/api/v1/records/deal', { title: 'No region yet' });
    const plan = await httpB.post('/api/v1/config/plan', { files });
    expect(plan.body.changes).toEqual([
      expect.objectContaining({ summary: 'change field deal.region: required', destructive: false, rowsAtRisk: 1, risk: expect.stringMatching(/1 row\(s\) have no value/) }),
      expect.objectContaining({ summary: 'add field deal.priority (integer)', rowsAtRisk: 0 }),
    ]);
    const failed = await httpB.post('/api/v1/config/apply', { files });
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ code: 'KITH_PACKAGE_APPLY_FAILED', applied: 0, field: 'entities/deal.json[5]' });
    expect(failed.body.errors[0].code).toBe('KITH_METADATA_REQUIRED_VIOLATED');
    expect(failed.body.changes.map((c: { status: string }) => c.status)).toEqual(['failed', 'notApplied']);
    expect((await httpB.patch(`/api/v1/records/deal/${deal.body.id}`, { region: 'north', version: deal.body.version })).status).toBe(200);
    expect((await httpB.post('/api/v1/config/apply', { files })).body.applied).toBe(2);
    expect(await effective(httpB, b)).toEqual(await effective(httpA, a));
  }, SCHEMA_CHANGES);
});
