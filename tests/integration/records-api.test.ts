import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('records API on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  let acme: { id: number };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    acme = (await http.post('/api/v1/records/company', { name: 'Acme Andina', city: 'Lima' })).body;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('creates a record with system fields, normalised values, defaults and a computed field', async () => {
    const res = await http.post('/api/v1/records/deal', {
      title: 'Pumps for Callao',
      amount: { amount: 12000.456, currency: 'EUR' },
      probability: 50,
      company: acme.id,
      contactEmail: 'Ana@Example.COM',
      contactPhone: '01 4111111',
      tags: ['hot'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/records/deal/${res.body.id}`);
    expect(res.body).toMatchObject({
      version: 1,
      title: 'Pumps for Callao',
      stage: 'lead',
      amount: { amount: 12000.46, currency: 'EUR' },
      company: acme.id,
      contactEmail: 'Ana@example.com',
      contactPhone: '+5114111111',
      tags: ['hot'],
      weighted: 6000.23,
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    expect(typeof res.body.createdBy).toBe('number');
    const read = await http.get(`/api/v1/records/deal/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(read.headers.etag).toBe('"1"');
  });

  it('updates with the version it read, and refuses a stale version with 409 and the current one', async () => {
    const created = (await http.post('/api/v1/records/deal', { title: 'Valves', amount: { amount: 100 }, probability: 10 })).body;
    expect(created.amount).toEqual({ amount: 100, currency: 'EUR' });
    const updated = await http.patch(`/api/v1/records/deal/${created.id}`, { version: 1, stage: 'proposal', probability: 40 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, stage: 'proposal', weighted: 40 });
    const stale = await http.patch(`/api/v1/records/deal/${created.id}`, { version: 1, stage: 'won' });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'KITH_VERSION_CONFLICT', currentVersion: 2, field: 'version' });
    expect((await http.get(`/api/v1/records/deal/${created.id}`)).body.stage).toBe('proposal');
    const viaHeader = await http.patch(`/api/v1/records/deal/${created.id}`, { stage: 'won' }, { 'if-match': '"2"' });
    expect(viaHeader.body).toMatchObject({ version: 3, stage: 'won' });
    const missing = await http.patch(`/api/v1/records/deal/${created.id}`, { stage: 'lost' });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('KITH_VERSION_REQUIRED');
  });

  it('soft-deletes and restores', async () => {
    const created = (await http.post('/api/v1/records/company', { name: 'Temporary SAC' })).body;
    expect((await http.delete(`/api/v1/records/company/${created.id}`)).status).toBe(204);
    expect((await http.get(`/api/v1/records/company/${created.id}`)).status).toBe(404);
    const trash = await http.get(`/api/v1/records/company${q({ deleted: 'true' })}`);
    expect(trash.body.data.map((r: { id: number }) => r.id)).toContain(created.id);
    const restored = await http.post(`/api/v1/records/company/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: created.id, name: 'Temporary SAC', version: 3 });
    const again = await http.post(`/api/v1/records/company/${created.id}/restore`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('KITH_RECORD_NOT_DELETED');
  });

  describe('lists', () => {
    beforeAll(async () => {
      const rows = Array.from({ length: 30 }, (_, i) => ({
        title: `Bulk deal ${String(i).padStart(2, '0')}`,
        stage: ['lead', 'proposal', 'won', 'lost'][i % 4],
        amount: { amount: 1000 * (i % 7) + i, currency: i % 2 ? 'USD' : 'EUR' },
        closeDate: `2026-0${(i % 9) + 1}-15`,
        company: i % 3 === 0 ? acme.id : null,
        tags: i % 5 === 0 ? ['partner', 'hot'] : [],
      }));
      const res = await http.post('/api/v1/records/deal/bulk', rows);
      expect(res.status).toBe(201);
      expect(res.body.data).toHaveLength(30);
    });

    it('filters with the JSON filter language and counts', async () => {
      const filter = { title: { $like: 'Bulk deal%' }, stage: 'won', 'amount.amount': { $gt: 2000 }, $or: [{ 'amount.currency': 'USD' }, { closeDate: { $lt: '2026-03-01' } }] };
      const res = await http.get(`/api/v1/records/deal${q({ filter, count: 'true', limit: '100' })}`);
      expect(res.status).toBe(200);
      const expected = res.body.data.filter(() => true);
      for (const r of expected) {
        expect(r.stage).toBe('won');
        expect(r.amount.amount).toBeGreaterThan(2000);
        expect(r.amount.currency === 'USD' || r.closeDate < '2026-03-01').toBe(true);
      }
      expect(res.body.total).toBe(expected.length);
      expect(expected.length).toBeGreaterThan(0);
      const ins = await http.get(`/api/v1/records/deal${q({ filter: { stage: { $in: ['won', 'lost'] }, title: { $like: 'Bulk%' } }, count: 'true' })}`);
      expect(ins.body.total).toBe(Array.from({ length: 30 }, (_, i) => i % 4).filter((m) => m >= 2).length);
      const tagged = await http.get(`/api/v1/records/deal${q({ filter: { tags: { $in: ['partner'] } }, count: 'true' })}`);
      expect(tagged.body.total).toBe(6);
      const nested = await http.get(`/api/v1/records/deal${q({ filter: { company: { city: 'Lima' }, title: { $like: 'Bulk%' } }, count: 'true' })}`);
      expect(nested.body.total).toBe(10);
      const like = await http.get(`/api/v1/records/deal${q({ filter: { title: { $like: 'bulk deal%' } }, count: 'true' })}`);
      expect(like.body.total).toBe(0);
      const ilike = await http.get(`/api/v1/records/deal${q({ filter: { title: { $ilike: 'bulk deal%' } }, count: 'true' })}`);
      expect(ilike.body.total).toBe(30);
    });

    it('sorts by several keys and pages with stable keyset cursors under concurrent inserts', async () => {
      const filter = { title: { $like: 'Bulk deal%' } };
      const seen: { id: number; amount: number; title: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { data: { id: number; amount: { amount: number }; title: string }[]; nextCursor: string | null } } = await http.get(
          `/api/v1/records/deal${q({ filter, sort: '-amount,title', limit: '7', ...(cursor ? { cursor } : {}) })}`,
        );
        seen.push(...res.body.data.map((r) => ({ id: r.id, amount: r.amount.amount, title: r.title })));
        cursor = res.body.nextCursor;
        if (pages === 1) await http.post('/api/v1/records/deal', { title: 'Bulk deal zz inserted mid-way', amount: { amount: 999999 } });
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(seen).toHaveLength(30);
      expect(new Set(seen.map((s) => s.id)).size).toBe(30);
      const sorted = [...seen].sort((a, b) => b.amount - a.amount || a.title.localeCompare(b.title));
      expect(seen).toEqual(sorted);
    });

    it('refuses a cursor that was altered', async () => {
      const first = await http.get(`/api/v1/records/deal${q({ sort: 'title', limit: '2' })}`);
      const cursor: string = first.body.nextCursor;
      const forged = `${Buffer.from(JSON.stringify(['deal', 'title,id', ['A', 1]])).toString('base64url')}.${cursor.split('.')[1]}`;
      const res = await http.get(`/api/v1/records/deal${q({ sort: 'title', limit: '2', cursor: forged })}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('KITH_CURSOR_INVALID');
      const otherSort = await http.get(`/api/v1/records/deal${q({ sort: '-title', limit: '2', cursor })}`);
      expect(otherSort.status).toBe(400);
    });

    it('selects fields and expands relations both ways', async () => {
      const res = await http.get(`/api/v1/records/deal${q({ filter: { company: acme.id }, fields: 'title,company', expand: 'company', limit: '3' })}`);
      expect(res.status).toBe(200);
      const row = res.body.data[0];
      expect(Object.keys(row).sort()).toEqual(['company', 'createdAt', 'createdBy', 'id', 'title', 'updatedAt', 'updatedBy', 'version']);
      expect(row.company).toMatchObject({ id: acme.id, name: 'Acme Andina' });
      const parent = await http.get(`/api/v1/records/company/${acme.id}${q({ expand: 'deals' })}`);
      expect(parent.status).toBe(200);
      expect(parent.body.deals.length).toBeGreaterThanOrEqual(10);
      expect(parent.body.deals.every((d: { company: number }) => d.company === acme.id)).toBe(true);
    });
  });
});
