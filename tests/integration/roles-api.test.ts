import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();
const grant = { create: 'own', read: 'own', edit: 'own', delete: 'none' } as const;

describe.each(databases)('roles API on $name', (database) => {
  let app: TestApp;
  let http: ReturnType<typeof httpClient>;
  const customisations = async () => (await http.get('/api/v1/metadata/customisations')).body.data.length as number;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(() => app.close());

  it('creates and changes a role as customisations, recorded in the metadata history', async () => {
    const created = await http.post('/api/v1/metadata/roles', { name: 'closer', label: 'Closer', grants: { deal: { ...grant, condition: { '==': [{ var: 'stage' }, 'proposal'] } } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'closer', source: 'custom', grants: { deal: { read: 'own' } } });
    const changed = await http.patch('/api/v1/metadata/roles/closer', { grants: { deal: { ...grant, read: 'all' }, company: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } });
    expect(changed.status).toBe(200);
    expect(Object.keys(changed.body.grants).sort()).toEqual(['company', 'deal']);
    const history = await http.get('/api/v1/metadata/history');
    expect(history.body.data.slice(0, 2).map((h: { kind: string }) => h.kind)).toEqual(['updateRole', 'addRole']);
  });

  it('refuses conditions outside the subset, prototype paths, unknown entities and fields: a clear error, nothing stored', async () => {
    const before = await customisations();
    const cases: [unknown, RegExp][] = [
      [{ deal: { ...grant, condition: { reduce: [[1], { '+': [1, 1] }, 0] } } }, /"reduce" is not supported/],
      [{ deal: { ...grant, condition: { '==': [{ var: '__proto__.x' }, 1] } } }, /not allowed in a condition/],
      [{ deal: { ...grant, condition: { '==': [{ var: 'constructor' }, 1] } } }, /not allowed in a condition/],
      [{ deal: { ...grant, fields: { colour: { read: false, edit: false } } } }, /"colour" is not a field of deal/],
      [{ invoice: grant }, /"invoice" is not an entity/],
      [{ deal: { ...grant, read: 'everyone' } }, /read/],
    ];
    for (const [grants, message] of cases) {
      const res = await http.post('/api/v1/metadata/roles', { name: 'bad-role', grants });
      expect(res.status, JSON.stringify(grants)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const text = [res.body.detail, ...(res.body.errors ?? []).map((e: { message: string }) => e.message)].join('\n');
      expect(text).toMatch(message);
    }
    expect((await http.post('/api/v1/metadata/roles', { name: 'Bad Name', grants: {} })).status).toBe(400);
    expect((await http.post('/api/v1/metadata/roles', { name: 'closer', grants: {} })).status).toBe(409);
    expect(await customisations()).toBe(before);
  });

  it('only administrators manage roles and metadata', async () => {
    await http.post('/api/v1/users', { email: 'rep@example.com', name: 'Rep', password: 'correct horse battery', roles: ['closer'] });
    const token = (await http.post('/api/v1/auth/login', { email: 'rep@example.com', password: 'correct horse battery' })).body.token;
    const rep = httpClient(app.server, { authorization: `Bearer ${token}` });
    for (const res of [
      await rep.get('/api/v1/metadata/roles'),
      await rep.post('/api/v1/metadata/roles', { name: 'mine', grants: {} }),
      await rep.post('/api/v1/metadata/entities/deal/fields', { name: 'x', type: 'text' }),
      await rep.patch('/api/v1/metadata/entities/deal/fields/title', { label: 'Name' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('KITH_FORBIDDEN');
    }
  });
});
