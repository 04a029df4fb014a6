import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { send, signIn } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

describe.each(databases)('saved views, filter paths and people for the admin UI on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  const bearer: Record<string, Record<string, string>> = {};
  const config = { columns: ['title', 'stage', 'amount'], filter: { stage: 'won' }, sort: ['-amount'] };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    const role = await send(app.server, 'POST', '/api/v1/metadata/roles', {
      headers: app.adminHeaders,
      body: { name: 'rep', grants: { deal: { create: 'all', read: 'all', edit: 'all', delete: 'none', fields: { amount: { read: false, edit: false } } }, company: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } },
    });
    expect(role.status).toBe(201);
    for (const [who, roles] of [['ana', ['rep']], ['ben', ['rep']]] as const) {
      const user = await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email: `${who}@example.com`, name: who === 'ana' ? 'Ana Quispe' : 'Ben Ortiz', password: PASSWORD, roles } });
      expect(user.status).toBe(201);
      bearer[who] = { authorization: `Bearer ${(await signIn(app.server, `${who}@example.com`, PASSWORD)).token}` };
    }
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('keeps a personal view to its owner, shows a shared one to every reader, and lets only the owner or an administrator change it', async () => {
    const created = await send(app.server, 'POST', '/api/v1/views', { headers: bearer.ana!, body: { entity: 'deal', name: 'Won deals', config: { ...config, columns: ['title', 'stage'], sort: ['title'] } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ entity: 'deal', name: 'Won deals', shared: false, mine: true, version: 1 });
    expect((await send(app.server, 'GET', '/api/v1/views?entity=deal', { headers: bearer.ben! })).body.data).toEqual([]);
    expect((await send(app.server, 'GET', `/api/v1/views/${created.body.id}`, { headers: bearer.ben! })).status).toBe(404);

    const shared = await send(app.server, 'PATCH', `/api/v1/views/${created.body.id}`, { headers: bearer.ana!, body: { version: 1, shared: true } });
    expect(shared.body).toMatchObject({ shared: true, version: 2 });
    const seen = await send(app.server, 'GET', '/api/v1/views?entity=deal', { headers: bearer.ben! });
    expect(seen.body.data).toMatchObject([{ id: created.body.id, name: 'Won deals', mine: false }]);

    const refused = await send(app.server, 'PATCH', `/api/v1/views/${created.body.id}`, { headers: bearer.ben!, body: { version: 2, name: 'Mine now' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('KITH_VIEW_NOT_OWNER');
    expect((await send(app.server, 'DELETE', `/api/v1/views/${created.body.id}`, { headers: bearer.ben! })).status).toBe(403);

    const stale = await send(app.server, 'PATCH', `/api/v1/views/${created.body.id}`, { headers: bearer.ana!, body: { version: 1, name: 'Old' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'KITH_VERSION_CONFLICT', currentVersion: 2 });

    expect((await send(app.server, 'DELETE', `/api/v1/views/${created.body.id}`, { headers: app.adminHeaders })).status).toBe(204);
    expect((await send(app.server, 'GET', '/api/v1/views', { headers: bearer.ana! })).body.data).toEqual([]);
  });

  it('saves only what would run for the saver, and strips fields a reader may not read from a shared view', async () => {
    const hidden = await send(app.server, 'POST', '/api/v1/views', { headers: bearer.ana!, body: { entity: 'deal', name: 'By amount', config } });
    expect(hidden.status).toBe(400);
    expect(hidden.body.code).toBe('KITH_VIEW_INVALID');
    expect(hidden.body.errors[0]).toMatchObject({ field: 'config.columns' });
    expect(hidden.body.errors[0].message).toContain('"amount"');

    const badFilter = await send(app.server, 'POST', '/api/v1/views', { headers: app.adminHeaders, body: { entity: 'deal', name: 'Odd', config: { ...config, filter: { stage: { $gt: 'won' } } } } });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0]).toMatchObject({ field: 'config.filter', code: 'KITH_FILTER_INVALID' });
    expect((await send(app.server, 'POST', '/api/v1/views', { headers: app.adminHeaders, body: { entity: 'nope', name: 'x', config } })).status).toBe(404);
    expect((await send(app.server, 'POST', '/api/v1/views', { headers: app.adminHeaders, body: { entity: 'deal', name: 'x', config: { ...config, extra: 1 } } })).status).toBe(400);

    // The administrator's token belongs to a user, so it can own views.
    const adminView = await send(app.server, 'POST', '/api/v1/views', { headers: app.adminHeaders, body: { entity: 'deal', name: 'Team board', shared: true, config: { ...config, layout: 'board', groupBy: 'stage' } } });
    expect(adminView.status).toBe(201);
    const forAna = await send(app.server, 'GET', `/api/v1/views/${adminView.body.id}`, { headers: bearer.ana! });
    expect(forAna.body.config).toEqual({ columns: ['title', 'stage'], filter: { stage: 'won' }, sort: [], layout: 'board', groupBy: 'stage' });
  });

  it('lists the paths a caller may filter and sort on, with the operators the API takes on each', async () => {
    const admin = await send(app.server, 'GET', '/api/v1/metadata/entities/deal/filters', { headers: app.adminHeaders });
    const byPath = Object.fromEntries(admin.body.data.map((p: { path: string }) => [p.path, p]));
    expect(byPath.stage).toMatchObject({ field: 'stage', type: 'select', widget: 'select', operators: ['$eq', '$ne', '$in', '$nin', '$null'] });
    expect(byPath.amount).toMatchObject({ type: 'currency', operators: expect.arrayContaining(['$gt', '$lte']) });
    expect(byPath['amount.currency']).toMatchObject({ field: 'amount', part: 'currency', kind: 'text', operators: expect.arrayContaining(['$ilike']) });
    expect(byPath.tags.operators).toEqual(['$in', '$nin', '$null']);
    expect(byPath.createdAt).toMatchObject({ kind: 'datetime' });
    const ana = await send(app.server, 'GET', '/api/v1/metadata/entities/deal/filters', { headers: bearer.ana! });
    expect(ana.body.data.map((p: { path: string }) => p.path)).not.toContain('amount');
    expect(ana.body.data.map((p: { path: string }) => p.path)).not.toContain('amount.currency');
    expect((await send(app.server, 'GET', '/api/v1/metadata/entities/secret/filters', { headers: bearer.ana! })).status).toBe(404);
  });

  it('gives signed-in users the names of active colleagues, and nothing more', async () => {
    const found = await send(app.server, 'GET', '/api/v1/people?q=quis', { headers: bearer.ben! });
    expect(found.body.data).toEqual([{ id: expect.any(Number), name: 'Ana Quispe' }]);
    const byIds = await send(app.server, 'GET', `/api/v1/people?ids=${found.body.data[0].id}`, { headers: bearer.ben! });
    expect(byIds.body.data).toEqual(found.body.data);
    expect((await send(app.server, 'GET', '/api/v1/people?q=%25', { headers: bearer.ben! })).body.data).toEqual([]);
    expect((await send(app.server, 'GET', '/api/v1/people?ids=x', { headers: bearer.ben! })).status).toBe(400);
    expect((await send(app.server, 'GET', '/api/v1/people')).status).toBe(401);
  });
});
