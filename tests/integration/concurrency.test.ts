import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('concurrency and failures on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    await http.post('/api/v1/records/deal/bulk', Array.from({ length: 200 }, (_, i) => ({ title: `d${i}`, amount: { amount: i } })));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('two edits of the same version at once: exactly one wins, the other gets 409', async () => {
    const deal = (await http.post('/api/v1/records/deal', { title: 'contested' })).body;
    const results = await Promise.all([
      http.patch(`/api/v1/records/deal/${deal.id}`, { version: 1, title: 'by Ana' }),
      http.patch(`/api/v1/records/deal/${deal.id}`, { version: 1, title: 'by Luis' }),
      http.patch(`/api/v1/records/deal/${deal.id}`, { version: 1, title: 'by Rosa' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.title;
    const stored = (await http.get(`/api/v1/records/deal/${deal.id}`)).body;
    expect(stored).toMatchObject({ version: 2, title: winner });
  });

  it('keeps serving reads and writes while a field is added, with no failed request', async () => {
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      let i = 0;
      while (!stop) {
        const res = i % 3 === 0 ? await http.post('/api/v1/records/deal', { title: `during ${i}` }) : await http.get(`/api/v1/records/deal${q({ limit: '20', sort: '-amount' })}`);
        statuses.push(res.status);
        i++;
      }
    })();
    const added = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'segment', type: 'select', options: ['smb', 'enterprise'] });
    const index = await http.post('/api/v1/metadata/entities/deal/indexes', { fields: ['segment', 'amount'] });
    await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await load;
    expect(added.status).toBe(201);
    expect(index.status).toBe(201);
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s >= 300)).toEqual([]);
    expect((await http.post('/api/v1/records/deal', { title: 'segmented', segment: 'smb' })).status).toBe(201);
  });

  it('a burst of 50 concurrent creates: all stored, none lost', async () => {
    const before = (await http.get(`/api/v1/records/deal${q({ count: 'true', limit: '1' })}`)).body.total;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => http.post('/api/v1/records/deal', { title: `burst ${i}` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(50);
    expect((await http.get(`/api/v1/records/deal${q({ count: 'true', limit: '1' })}`)).body.total).toBe(before + 50);
  });
});

describe('a plugin whose seed throws', () => {
  it('is reported in health, leaves no half-written data, and the server keeps running', async () => {
    const broken = definePlugin({
      id: 'broken-seed',
      version: '0.1.0',
      entities: [defineEntity({ name: 'widget', fields: { name: { type: 'text', required: true } } })],
      async seed({ records }) {
        await records.bulkCreate('widget', [{ name: 'first' }, { name: 'second' }]);
        throw new Error('supplier feed unavailable');
      },
    });
    const app = await createTestApp({ plugins: [salesFixture, broken], seed: true });
    try {
      const http = httpClient(app.server, app.adminHeaders);
      const health = await http.get('/api/v1/health');
      expect(health.body.status).toBe('degraded');
      expect(health.body.plugins.find((p: { name: string }) => p.name === 'broken-seed')).toMatchObject({ state: 'failed', error: expect.stringContaining('supplier feed unavailable') });
      expect((await http.get(`/api/v1/records/widget${q({ count: 'true' })}`)).body.total).toBe(0);
      expect((await http.post('/api/v1/records/deal', { title: 'still works' })).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
