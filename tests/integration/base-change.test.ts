import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

const v1 = definePlugin({
  id: 'crm-lite',
  version: '1.0.0',
  entities: [defineEntity({ name: 'lead', fields: { name: { type: 'text', required: true }, source: { type: 'select', options: ['web', 'fair'] }, legacyScore: { type: 'integer' } } })],
});
// v2 changes the base under the customisations: relabels name, adds an option and a field,
// drops legacyScore (customised), and adds its own "region" (a custom field's name).
const v2 = definePlugin({
  id: 'crm-lite',
  version: '2.0.0',
  entities: [
    defineEntity({
      name: 'lead',
      fields: {
        name: { type: 'text', required: true, label: 'Full name', maxLength: 300 },
        source: { type: 'select', options: ['web', 'fair', 'partner'] },
        score: { type: 'integer' },
        region: { type: 'select', options: ['emea', 'latam'] },
      },
    }),
  ],
});

describe.each(databases)('changing a base definition keeps customisations on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [v1], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('re-applies every customisation by stable id, keeps all data, and reports exactly the ones that no longer fit', async () => {
    expect((await http.patch('/api/v1/metadata/entities/lead/fields/name', { label: 'Lead name' })).status).toBe(200);
    expect((await http.patch('/api/v1/metadata/entities/lead/fields/source', { options: ['web', 'fair', 'referral'] })).status).toBe(200);
    expect((await http.patch('/api/v1/metadata/entities/lead/fields/legacyScore', { hidden: true })).status).toBe(200);
    expect((await http.post('/api/v1/metadata/entities/lead/fields', { name: 'region', type: 'text' })).status).toBe(201);
    expect((await http.post('/api/v1/metadata/entities/lead/fields', { name: 'budget', type: 'currency', defaultCurrency: 'PEN' })).status).toBe(201);
    const created = await http.post('/api/v1/records/lead', { name: 'Rosa Mamani', source: 'referral', legacyScore: 7, region: 'Sur', budget: { amount: 1500.5 } });
    expect(created.status).toBe(201);

    await app.registry.setBase(v2.entities);

    const lead = (await http.get('/api/v1/metadata/entities/lead')).body;
    const field = (name: string) => lead.fields.find((f: { name: string }) => f.name === name);
    expect(field('name')).toMatchObject({ label: { en: 'Lead name' }, maxLength: 300 });
    expect(field('source').options.map((o: { value: string }) => o.value)).toEqual(['web', 'fair', 'partner', 'referral']);
    expect(field('score').source).toBe('plugin:crm-lite');
    expect(field('region').source).toBe('plugin:crm-lite');
    expect(field('budget')).toMatchObject({ source: 'custom', defaultCurrency: 'PEN' });
    expect(field('legacyScore')).toBeUndefined();

    const conflicts = (await http.get('/api/v1/metadata/customisations')).body.conflicts;
    expect(conflicts.map((c: { kind: string; message: string }) => c.kind).sort()).toEqual(['addField', 'updateField']);
    expect(conflicts.find((c: { kind: string }) => c.kind === 'addField').message).toMatch(/clashes with the field "region"/);

    const read = await http.get(`/api/v1/records/lead/${created.body.id}`);
    expect(read.body).toMatchObject({ name: 'Rosa Mamani', source: 'referral', budget: { amount: 1500.5, currency: 'PEN' }, region: null, score: null });
    // The custom field's data is still in its own column, untouched by the new base field.
    const kept = await app.db.reader.all(`SELECT "c_region", "legacy_score" FROM "lead" WHERE "id" = ${Number(created.body.id)}`, []);
    expect(kept[0]).toEqual(['Sur', 7]);
    const again = await http.post('/api/v1/records/lead', { name: 'Luis Apaza', region: 'latam', score: 3 });
    expect(again.status).toBe(201);
    expect((await http.get(`/api/v1/records/lead${q({ filter: { region: 'latam' }, count: 'true' })}`)).body.total).toBe(1);
  });
});
