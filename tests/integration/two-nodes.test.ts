import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('two API nodes on one $name database', (database) => {
  let a: TestApp;
  let b: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    a = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    b = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await drop();
  });

  it('share the cursor secret, records and tokens; a metadata change on one reaches the other on refresh', async () => {
    const ha = httpClient(a.server, a.adminHeaders);
    const hb = httpClient(b.server, b.adminHeaders);
    await ha.post('/api/v1/records/deal/bulk', [{ title: 'a1' }, { title: 'a2' }, { title: 'a3' }]);
    const page = await ha.get('/api/v1/records/deal?sort=title&limit=2');
    const next = await hb.get(`/api/v1/records/deal?sort=title&limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.status).toBe(200);
    expect(next.body.data.map((d: { title: string }) => d.title)).toEqual(['a3']);
    expect((await httpClient(b.server, a.adminHeaders).get('/api/v1/auth/me')).status).toBe(200);

    expect((await ha.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'text' })).status).toBe(201);
    expect((await hb.post('/api/v1/records/deal', { title: 'b1', region: 'north' })).status).toBe(400);
    expect(await b.registry.refresh()).toBe(true);
    const created = await hb.post('/api/v1/records/deal', { title: 'b1', region: 'north' });
    expect(created.status).toBe(201);
    expect((await ha.get(`/api/v1/records/deal/${created.body.id}`)).body.region).toBe('north');
    expect(await b.registry.refresh()).toBe(false);
  });
});
