import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases, type TestDatabase } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

const vault = defineEntity({ name: 'vault', fields: { label: { type: 'text', required: true }, pin: { type: 'text', audited: false } } });
const auditFixture = definePlugin({ id: 'audit-fixture', version: '1.0.0', entities: [vault] });

type Http = ReturnType<typeof httpClient>;
type Change = { field: string; old: unknown; new: unknown; redacted?: boolean };

async function bootApp(database: TestDatabase): Promise<{ app: TestApp; drop: () => Promise<void> }> {
  const fresh = await database.fresh();
  return { app: await createTestApp({ plugins: [salesFixture, auditFixture], databaseUrl: fresh.url }), drop: fresh.drop };
}

const byField = (changes: Change[]) => Object.fromEntries(changes.map((c) => [c.field, c]));

describe.each(databases)('audit log on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: Http;
  const auditRows = async () => Number((await app.db.reader.all('SELECT COUNT(*) FROM "kith_audit"', []))[0]?.[0]);

  beforeAll(async () => {
    ({ app, drop } = await bootApp(database));
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('records a create with every set field (computed included), who, which token and channel', async () => {
    const token = await http.post('/api/v1/auth/tokens', { name: 'audit script' });
    const script = httpClient(app.server, { authorization: `Bearer ${token.body.token}` });
    const deal = (await script.post('/api/v1/records/deal', { title: 'Pumps', amount: { amount: 1000 }, probability: 50, tags: ['hot'] })).body;
    const history = await http.get(`/api/v1/records/deal/${deal.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.nextCursor).toBeNull();
    expect(history.body.data).toHaveLength(1);
    const [entry] = history.body.data;
    expect(entry).toMatchObject({ action: 'create', userId: deal.createdBy, tokenId: token.body.id, channel: 'api' });
    expect(typeof entry.id).toBe('number');
    expect(Date.parse(entry.at)).toBe(Date.parse(deal.createdAt));
    expect(byField(entry.changes)).toEqual({
      title: { field: 'title', old: null, new: 'Pumps' },
      stage: { field: 'stage', old: null, new: 'lead' },
      amount: { field: 'amount', old: null, new: { amount: 1000, currency: 'EUR' } },
      probability: { field: 'probability', old: null, new: 50 },
      tags: { field: 'tags', old: null, new: ['hot'] },
      weighted: { field: 'weighted', old: null, new: 500 },
    });
  });

  it('records an update with only the changed fields, old and new, including a computed field', async () => {
    const deal = (await http.post('/api/v1/records/deal', { title: 'Valves', amount: { amount: 200 }, probability: 50 })).body;
    const updated = await http.patch(`/api/v1/records/deal/${deal.id}`, { version: 1, probability: 25, title: 'Valves' });
    expect(updated.status).toBe(200);
    const [latest] = (await http.get(`/api/v1/records/deal/${deal.id}/history`)).body.data;
    expect(latest.action).toBe('update');
    expect(latest.userId).toBe(updated.body.updatedBy);
    expect(Date.parse(latest.at)).toBe(Date.parse(updated.body.updatedAt));
    expect(latest.changes).toEqual([
      { field: 'probability', old: 50, new: 25 },
      { field: 'weighted', old: 100, new: 50 },
    ]);
  });

  it('records delete and restore, and a deleted record\'s history stays readable', async () => {
    const company = (await http.post('/api/v1/records/company', { name: 'Temporary SAC' })).body;
    expect((await http.delete(`/api/v1/records/company/${company.id}`)).status).toBe(204);
    const whileDeleted = await http.get(`/api/v1/records/company/${company.id}/history`);
    expect(whileDeleted.status).toBe(200);
    expect(whileDeleted.body.data.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    expect(whileDeleted.body.data[0].changes).toEqual([]);
    expect((await http.post(`/api/v1/records/company/${company.id}/restore`)).status).toBe(200);
    const after = (await http.get(`/api/v1/records/company/${company.id}/history`)).body.data;
    expect(after.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'create']);
    expect(after[0]).toMatchObject({ changes: [], channel: 'api' });
  });

  it('writes one entry per row of a bulk create, in the same transaction', async () => {
    const before = await auditRows();
    const created = await http.post('/api/v1/records/company/bulk', [{ name: 'Bulk A' }, { name: 'Bulk B', city: 'Quito' }, { name: 'Bulk C' }]);
    expect(created.status).toBe(201);
    expect(await auditRows()).toBe(before + 3);
    const entries = await Promise.all(created.body.data.map(async (c: { id: number }) => (await http.get(`/api/v1/records/company/${c.id}/history`)).body.data));
    for (const list of entries) expect(list).toHaveLength(1);
    expect(new Set(entries.map((list) => list[0].at)).size).toBe(1);
    expect(byField(entries[1][0].changes)).toEqual({ name: { field: 'name', old: null, new: 'Bulk B' }, city: { field: 'city', old: null, new: 'Quito' } });
  });

  it('writes no entry for a write that fails: validation error, version conflict, bad bulk row', async () => {
    const deal = (await http.post('/api/v1/records/deal', { title: 'Steady' })).body;
    const before = await auditRows();
    expect((await http.post('/api/v1/records/deal', { stage: 'won' })).status).toBe(400);
    expect((await http.patch(`/api/v1/records/deal/${deal.id}`, { version: 1, stage: 'maybe' })).status).toBe(400);
    expect((await http.patch(`/api/v1/records/deal/${deal.id}`, { version: 7, stage: 'won' })).status).toBe(409);
    expect((await http.delete(`/api/v1/records/deal/${deal.id}?version=7`)).status).toBe(409);
    expect((await http.post('/api/v1/records/company/bulk', [{ name: 'Fine' }, { city: 'No name' }])).status).toBe(400);
    expect((await http.post(`/api/v1/records/deal/${deal.id}/restore`)).status).toBe(409);
    expect(await auditRows()).toBe(before);
  });

  it('records that a field marked audited: false changed, never its values', async () => {
    const created = (await http.post('/api/v1/records/vault', { label: 'Safe', pin: '1234' })).body;
    await http.patch(`/api/v1/records/vault/${created.id}`, { version: 1, pin: '9999' });
    const [update, create] = (await http.get(`/api/v1/records/vault/${created.id}/history`)).body.data;
    expect(create.changes).toEqual([
      { field: 'label', old: null, new: 'Safe' },
      { field: 'pin', old: null, new: null, redacted: true },
    ]);
    expect(update.changes).toEqual([{ field: 'pin', old: null, new: null, redacted: true }]);
    const stored = await app.db.reader.all('SELECT "changes" FROM "kith_audit" WHERE "entity" = \'vault\'', []);
    expect(JSON.stringify(stored)).not.toMatch(/1234|9999/);
  });

  it('takes audited: false on a custom field and through PATCH, and lists metadata changes newest first', async () => {
    const added = await http.post('/api/v1/metadata/entities/company/fields', { name: 'taxSecret', type: 'text', audited: false });
    expect(added.status).toBe(201);
    expect(added.body.audited).toBe(false);
    const me = (await http.get('/api/v1/auth/me')).body;
    const company = (await http.post('/api/v1/records/company', { name: 'Hidden Co', taxSecret: 'abc' })).body;
    const [create] = (await http.get(`/api/v1/records/company/${company.id}/history`)).body.data;
    expect(byField(create.changes).taxSecret).toEqual({ field: 'taxSecret', old: null, new: null, redacted: true });

    const patched = await http.patch('/api/v1/metadata/entities/company/fields/taxSecret', { audited: true });
    expect(patched.status).toBe(200);
    expect(patched.body.audited).toBe(true);
    await http.patch(`/api/v1/records/company/${company.id}`, { version: 1, taxSecret: 'xyz' });
    const [update] = (await http.get(`/api/v1/records/company/${company.id}/history`)).body.data;
    expect(update.changes).toEqual([{ field: 'taxSecret', old: 'abc', new: 'xyz' }]);

    const history = await http.get(`/api/v1/metadata/history${q({ limit: '1' })}`);
    expect(history.status).toBe(200);
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]).toMatchObject({ kind: 'updateField', createdBy: me.id, change: { changes: { audited: true } } });
    const next = (await http.get(`/api/v1/metadata/history${q({ limit: '1', cursor: history.body.nextCursor })}`)).body;
    expect(next.data[0]).toMatchObject({ kind: 'addField', fieldId: added.body.id, createdBy: me.id, change: { field: { name: 'taxSecret', audited: false } } });
    expect(next.data[0].seq).toBeLessThan(history.body.data[0].seq);
    expect(Date.parse(next.data[0].createdAt)).not.toBeNaN();
  });

  it('shows the metadata history to administrators only (it holds role changes too)', async () => {
    const { userStore } = await import('../../core/src/auth/user-store.js');
    await app.db.transaction((tx) => userStore.create(tx, { email: 'clerk@example.com', name: 'Clerk', password: 'correct horse battery' }));
    const login = await httpClient(app.server).post('/api/v1/auth/login', { email: 'clerk@example.com', password: 'correct horse battery' });
    const clerk = httpClient(app.server, { authorization: `Bearer ${login.body.token}` });
    const res = await clerk.get('/api/v1/metadata/history');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('KITH_FORBIDDEN');
  });

  it('pages a record\'s history newest first with a cursor', async () => {
    let deal = (await http.post('/api/v1/records/deal', { title: 'Paged', probability: 1 })).body;
    for (let p = 2; p <= 5; p++) deal = (await http.patch(`/api/v1/records/deal/${deal.id}`, { version: deal.version, probability: p })).body;
    const seen: { id: number; changes: Change[] }[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: typeof seen; nextCursor: string | null } } = await http.get(`/api/v1/records/deal/${deal.id}/history${q({ limit: '2', ...(cursor ? { cursor } : {}) })}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => b - a));
    expect(seen.map((e) => byField(e.changes).probability?.new)).toEqual([5, 4, 3, 2, 1]);
  });

  it('answers 404 for an unknown entity or a record that never existed, 400 for a bad limit or cursor, 401 without a token', async () => {
    const deal = (await http.post('/api/v1/records/deal', { title: 'Known' })).body;
    expect((await http.get('/api/v1/records/nothing/1/history')).body.code).toBe('KITH_ENTITY_NOT_FOUND');
    const missing = await http.get('/api/v1/records/deal/999999/history');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('KITH_RECORD_NOT_FOUND');
    for (const query of [{ limit: '0' }, { limit: '201' }, { cursor: 'abc' }, { sort: 'id' }]) {
      const res = await http.get(`/api/v1/records/deal/${deal.id}/history${q(query)}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('KITH_QUERY_INVALID');
    }
    expect((await http.get(`/api/v1/records/deal/${deal.id}/history${q({ cursor: '1' })}`)).body).toEqual({ data: [], nextCursor: null });
    expect((await httpClient(app.server).get(`/api/v1/records/deal/${deal.id}/history`)).status).toBe(401);
    expect((await httpClient(app.server).get('/api/v1/metadata/history')).status).toBe(401);
  });

  it('rolls the write back when its audit entry cannot be written', async () => {
    const own = await bootApp(database);
    try {
      const client = httpClient(own.app.server, own.app.adminHeaders);
      const company = (await client.post('/api/v1/records/company', { name: 'Before' })).body;
      const count = async () => (await client.get(`/api/v1/records/company${q({ count: 'true' })}`)).body.total;
      expect(await count()).toBe(1);
      await own.app.db.transaction((tx) => tx.run('DROP TABLE "kith_audit"', []));
      const create = await client.post('/api/v1/records/company', { name: 'Lost' });
      expect(create.status).toBe(500);
      expect(create.body.code).toBe('KITH_INTERNAL');
      expect(await count()).toBe(1);
      expect((await client.patch(`/api/v1/records/company/${company.id}`, { version: 1, name: 'After' })).status).toBe(500);
      expect((await client.delete(`/api/v1/records/company/${company.id}`)).status).toBe(500);
      expect((await client.get(`/api/v1/records/company/${company.id}`)).body).toMatchObject({ name: 'Before', version: 1 });
    } finally {
      await own.app.close();
      await own.drop();
    }
  });
});
