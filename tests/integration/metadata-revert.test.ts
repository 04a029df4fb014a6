import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();
// Each metadata change runs a schema diff, which takes seconds on a busy PostgreSQL.
const SCHEMA_CHANGES = 120_000;
type Http = ReturnType<typeof httpClient>;
interface Entry {
  seq: number;
  kind: string;
  entityId: string;
  fieldId: string | null;
  createdAt: string;
  createdBy: number | null;
  change: Record<string, unknown>;
}

describe.each(databases)('metadata history and revert on $name', (database) => {
  let app: TestApp;
  let http: Http;
  const history = async (query = ''): Promise<{ data: Entry[]; nextCursor: string | null }> => (await http.get(`/api/v1/metadata/history${query}`)).body;
  const latest = async () => (await history('?limit=1')).data[0]!;
  const count = async () => (await http.get('/api/v1/metadata/customisations')).body.data.length as number;
  const field = async (entity: string, name: string) => ((await http.get(`/api/v1/metadata/entities/${entity}`)).body.fields as { name: string }[]).find((f) => f.name === name) as Record<string, unknown> | undefined;
  const revert = (seq: number, query = '') => http.post(`/api/v1/metadata/history/${seq}/revert${query}`);

  beforeAll(async () => {
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(() => app.close());

  it('records every metadata change with who and when, newest first, in pages', async () => {
    expect((await http.post('/api/v1/metadata/entities/company/fields', { name: 'vatNumber', type: 'text', label: 'VAT number' })).status).toBe(201);
    expect((await http.patch('/api/v1/metadata/entities/deal/fields/title', { label: 'Deal name' })).status).toBe(200);
    expect((await http.patch('/api/v1/metadata/entities/deal/fields/stage', { options: ['lead', 'proposal', 'won', 'lost', 'stalled'] })).status).toBe(200);
    const first = await history('?limit=2');
    expect(first.data.map((e) => e.kind)).toEqual(['updateField', 'updateField']);
    expect(first.data[0]).toMatchObject({ entityId: 'deal', fieldId: 'deal.stage', createdBy: expect.any(Number), change: { changes: { addOptions: [{ value: 'stalled' }] } } });
    expect(Date.parse(first.data[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const second = await history(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((e) => e.kind)).toEqual(['addField']);
    expect(second.nextCursor).toBeNull();
  });

  it('reverts a label change: the plan first, then a new recorded change; the history keeps both', async () => {
    const relabel = (await history()).data.find((e) => e.fieldId === 'deal.title')!;
    const before = await count();
    const plan = await revert(relabel.seq, '?dryRun=true');
    expect(plan.status).toBe(200);
    expect(plan.body).toEqual({
      dryRun: true,
      revert: { seq: relabel.seq, kind: 'updateField', summary: 'change field deal.title: label', createdAt: relabel.createdAt, createdBy: relabel.createdBy },
      changes: [{ kind: 'updateField', summary: 'change field deal.title: label', destructive: false, rowsAtRisk: 0, change: { kind: 'updateField', entityId: 'deal', fieldId: 'deal.title', changes: { label: { en: 'Title' } } } }],
    });
    expect(await count()).toBe(before);
    expect((await field('deal', 'title'))!.label).toEqual({ en: 'Deal name' });

    const done = await revert(relabel.seq);
    expect(done.status).toBe(200);
    expect(done.body.changes[0].seq).toBeGreaterThan(relabel.seq);
    expect((await field('deal', 'title'))!.label).toEqual({ en: 'Title' });
    expect(await latest()).toMatchObject({ seq: done.body.changes[0].seq, kind: 'updateField', fieldId: 'deal.title', createdBy: relabel.createdBy });
    expect((await history()).data.some((e) => e.seq === relabel.seq)).toBe(true);
    // Reverting it again would overwrite the revert: refused, naming the change in the way.
    const again = await revert(relabel.seq, '?dryRun=true');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'KITH_REVERT_NOT_POSSIBLE', errors: [{ code: 'KITH_REVERT_CHANGED_SINCE', field: `#${done.body.changes[0].seq}` }] });
  });

  it('reverts an added option: the option is removed again, refused while a record uses it', async () => {
    const added = (await history()).data.find((e) => e.fieldId === 'deal.stage')!;
    const deal = await http.post('/api/v1/records/deal', { title: 'Stuck', stage: 'stalled' });
    const plan = await revert(added.seq, '?dryRun=true');
    expect(plan.status).toBe(409);
    expect(plan.body.code).toBe('KITH_REVERT_NOT_POSSIBLE');
    expect(plan.body.detail).toMatch(/stalled/);
    await http.patch(`/api/v1/records/deal/${deal.body.id}`, { stage: 'lead', version: deal.body.version });
    const ok = await revert(added.seq, '?dryRun=true');
    expect(ok.body.changes).toEqual([expect.objectContaining({ summary: 'change field deal.stage: remove options stalled', destructive: true, rowsAtRisk: 0 })]);
    expect((await revert(added.seq)).body.code).toBe('KITH_REVERT_CONFIRMATION_REQUIRED');
    expect((await revert(added.seq, '?confirm=true')).status).toBe(200);
    expect(((await field('deal', 'stage'))!.options as { value: string }[]).map((o) => o.value)).toEqual(['lead', 'proposal', 'won', 'lost']);
  }, SCHEMA_CHANGES);

  it('reverts adding a field that holds data only when confirmed, and reverting that brings the values back', async () => {
    const added = (await history()).data.find((e) => e.kind === 'addField' && e.entityId === 'company')!;
    for (const vat of ['20100070970', '20512345678', null]) {
      expect((await http.post('/api/v1/records/company', { name: `Co ${vat}`, vatNumber: vat })).status).toBe(201);
    }
    const plan = await revert(added.seq, '?dryRun=true');
    expect(plan.body.changes).toEqual([expect.objectContaining({ kind: 'removeField', summary: 'remove field company.vatNumber', destructive: true, rowsAtRisk: 2, risk: expect.stringMatching(/2 row\(s\) hold a value/) })]);
    const before = await count();
    const refused = await revert(added.seq);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'KITH_REVERT_CONFIRMATION_REQUIRED', seq: added.seq, errors: [{ code: 'KITH_REVERT_DESTRUCTIVE', message: expect.stringMatching(/2 row\(s\) hold a value/) }] });
    expect(await count()).toBe(before);

    const removed = await revert(added.seq, '?confirm=true');
    expect(removed.status).toBe(200);
    expect(await field('company', 'vatNumber')).toBeUndefined();

    const back = await revert(removed.body.changes[0].seq, '?dryRun=true');
    expect(back.body.changes).toEqual([expect.objectContaining({ kind: 'addField', summary: 'add field company.vatNumber (text)', destructive: false, restoresRows: 2 })]);
    expect((await revert(removed.body.changes[0].seq)).status).toBe(200);
    expect(await field('company', 'vatNumber')).toMatchObject({ id: (added.change.field as { id: string }).id, label: { en: 'VAT number' } });
    const rows = (await http.get('/api/v1/records/company?sort=name&fields=name,vatNumber')).body.data.map((r: { vatNumber: unknown }) => r.vatNumber);
    expect(rows.sort()).toEqual(['20100070970', '20512345678', null].sort());
  }, SCHEMA_CHANGES);

  it('refuses to revert adding an entity that later changes depend on, listing them: problem+json, nothing changed', async () => {
    const entity = await http.post('/api/v1/metadata/entities', { name: 'siteVisit', fields: [{ name: 'subject', type: 'text' }] });
    expect(entity.status).toBe(201);
    const addedAt = (await latest()).seq;
    await http.post('/api/v1/metadata/entities/deal/fields', { name: 'lastVisit', type: 'relation', target: 'siteVisit' });
    await http.post('/api/v1/metadata/roles', { name: 'visitor', grants: { siteVisit: { create: 'own', read: 'own', edit: 'own', delete: 'none' } } });
    const before = await count();
    for (const query of ['?dryRun=true', '?confirm=true']) {
      const res = await revert(addedAt, query);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.code).toBe('KITH_REVERT_NOT_POSSIBLE');
      expect(res.body.detail).toMatch(new RegExp(`^Change #${addedAt} \\(add entity siteVisit \\(1 field\\)\\) cannot be reverted; nothing was changed\\.`));
      expect(res.body.errors).toEqual([
        { code: 'KITH_REVERT_DEPENDENT', field: `#${addedAt + 1}`, message: `#${addedAt + 1} (add field deal.lastVisit (relation → siteVisit)) depends on siteVisit.` },
        { code: 'KITH_REVERT_DEPENDENT', field: `#${addedAt + 2}`, message: `#${addedAt + 2} (add role visitor (grants on siteVisit)) depends on siteVisit.` },
        { code: 'KITH_REVERT_NO_INVERSE', message: expect.stringMatching(/cannot remove an entity/) },
      ]);
    }
    expect(await count()).toBe(before);
  }, SCHEMA_CHANGES);

  it('refuses a revert the rest of the metadata would not survive, and a key that cannot be unset', async () => {
    await http.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'text' });
    const region = (await latest()).seq;
    expect((await http.post('/api/v1/metadata/entities/deal/rules', { name: 'wonNeedsRegion', condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'region' } }] }, message: 'A won deal needs a region.' })).status).toBe(201);
    const broken = await revert(region, '?dryRun=true');
    expect(broken.status).toBe(409);
    expect(broken.body.code).toBe('KITH_REVERT_NOT_POSSIBLE');
    expect(broken.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/wonNeedsRegion/);

    // Reverting the rule goes first, then the field.
    const rule = (await latest()).seq;
    expect((await revert(rule, '?dryRun=true')).body.changes).toEqual([expect.objectContaining({ kind: 'removeRule', summary: 'remove rule deal.wonNeedsRegion' })]);
    expect((await revert(rule)).status).toBe(200);
    expect((await revert(region, '?confirm=true')).status).toBe(200);

    expect((await http.patch('/api/v1/metadata/entities/company/fields/city', { maxLength: 80, confirm: true })).status).toBe(200);
    const capped = await revert((await latest()).seq, '?dryRun=true');
    expect(capped.body).toMatchObject({ code: 'KITH_REVERT_NOT_POSSIBLE', errors: [{ code: 'KITH_REVERT_CANNOT_UNSET', field: 'maxLength', message: expect.stringMatching(/had no maxLength before/) }] });
  }, SCHEMA_CHANGES);

  it('reverts role grants and workflow changes to what they were', async () => {
    const grant = { create: 'own', read: 'own', edit: 'own', delete: 'none' } as const;
    await http.post('/api/v1/metadata/roles', { name: 'closer', grants: { deal: grant } });
    await http.patch('/api/v1/metadata/roles/closer', { grants: { deal: { ...grant, read: 'all' }, company: { ...grant, read: 'all' } } });
    const plan = await revert((await latest()).seq, '?dryRun=true');
    expect(plan.body.changes[0].change.changes).toEqual({ grants: { deal: grant, company: null } });
    await revert((await latest()).seq);
    expect((await http.get('/api/v1/metadata/roles/closer')).body.grants).toEqual({ deal: grant });

    const workflow = { id: 'won-follow-up', label: { en: 'Won follow-up' }, entity: 'deal', trigger: { type: 'created' }, actions: [], enabled: true, version: 1, source: 'custom' } as const;
    await app.registry.change({ kind: 'addWorkflow', workflow }, { userId: null });
    await app.registry.change({ kind: 'updateWorkflow', workflowId: workflow.id, changes: { enabled: false, condition: { '==': [{ var: 'record.stage' }, 'won'] } } }, { userId: null });
    const undo = await revert((await latest()).seq);
    expect(undo.body.changes[0].change.changes).toEqual({ enabled: true, condition: null });
    expect(app.registry.model.workflows.get(workflow.id)).toMatchObject({ enabled: true, version: 3 });
    expect(app.registry.model.workflows.get(workflow.id)!.condition).toBeUndefined();
    const added = (await history()).data.find((e) => e.kind === 'addWorkflow')!.seq;
    expect((await revert(added)).body.changes[0]).toMatchObject({ kind: 'removeWorkflow', summary: 'remove workflow won-follow-up' });
    expect(app.registry.model.workflows.has(workflow.id)).toBe(false);
  });

  it('is for administrators only, and answers a bad sequence number or flag with a coded error', async () => {
    await http.post('/api/v1/users', { email: 'rep@example.com', name: 'Rep', password: 'correct horse battery', roles: ['closer'] });
    const token = (await http.post('/api/v1/auth/login', { email: 'rep@example.com', password: 'correct horse battery' })).body.token;
    const rep = httpClient(app.server, { authorization: `Bearer ${token}` });
    for (const res of [await rep.get('/api/v1/metadata/history'), await rep.post('/api/v1/metadata/history/1/revert?dryRun=true')]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('KITH_FORBIDDEN');
    }
    expect((await revert(99_999, '?dryRun=true')).body).toMatchObject({ status: 404, code: 'KITH_HISTORY_NOT_FOUND' });
    expect((await http.post('/api/v1/metadata/history/abc/revert')).status).toBe(400);
    expect((await revert(1, '?dryRun=yes')).body).toMatchObject({ status: 400, code: 'KITH_QUERY_INVALID' });
    expect((await revert(1, '?force=true')).body).toMatchObject({ status: 400, code: 'KITH_QUERY_INVALID' });
  });
});
