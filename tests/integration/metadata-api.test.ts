import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('metadata API and live schema on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    await http.post('/api/v1/records/deal/bulk', [{ title: 'One' }, { title: 'Two' }]);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('lists effective entities with their source', async () => {
    const res = await http.get('/api/v1/metadata/entities');
    expect(res.status).toBe(200);
    const deal = res.body.data.find((e: { name: string }) => e.name === 'deal');
    expect(deal.source).toBe('plugin:sales-fixture');
    const one = await http.get('/api/v1/metadata/entities/deal');
    expect(one.body.schema.properties.title.title).toBe('Title');
    expect(one.body.schema.properties.stage.enum).toEqual(['lead', 'proposal', 'won', 'lost']);
  });

  it('adds a custom field without a restart; it is writable, filterable and sortable at once', async () => {
    const res = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'select', label: 'Sales region', options: ['north', 'south'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'region', source: 'custom', label: { en: 'Sales region' } });
    const created = await http.post('/api/v1/records/deal', { title: 'With region', region: 'north' });
    expect(created.status).toBe(201);
    expect(created.body.region).toBe('north');
    const old = await http.get(`/api/v1/records/deal${q({ filter: { title: 'One' } })}`);
    expect(old.body.data[0].region).toBeNull();
    const filtered = await http.get(`/api/v1/records/deal${q({ filter: { region: 'north' }, sort: '-region', count: 'true' })}`);
    expect(filtered.body.total).toBe(1);
  });

  it('adds select options and relabels without touching stored values', async () => {
    const res = await http.patch('/api/v1/metadata/entities/deal/fields/region', { options: ['north', { value: 'south', label: 'South coast' }, 'east'] });
    expect(res.status).toBe(200);
    expect(res.body.options.map((o: { value: string }) => o.value)).toEqual(['north', 'south', 'east']);
    expect(res.body.options[1].label.en).toBe('South coast');
    expect((await http.post('/api/v1/records/deal', { title: 'East', region: 'east' })).status).toBe(201);
  });

  it('removing an option in use is refused; removing an unused one needs confirm', async () => {
    const inUse = await http.patch('/api/v1/metadata/entities/deal/fields/region', { options: ['south', 'east'] });
    expect(inUse.status).toBe(400);
    expect(inUse.body.code).toBe('KITH_METADATA_CHANGE_NOT_ALLOWED');
    const unconfirmed = await http.patch('/api/v1/metadata/entities/deal/fields/region', { options: ['north', 'east'] });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.code).toBe('KITH_METADATA_CONFIRMATION_REQUIRED');
    const confirmed = await http.patch('/api/v1/metadata/entities/deal/fields/region', { options: ['north', 'east'], confirm: true });
    expect(confirmed.status).toBe(200);
  });

  it('making a field required is refused while records lack it, and works once they have it', async () => {
    await http.post('/api/v1/metadata/entities/deal/fields', { name: 'owner', type: 'text' });
    const refused = await http.patch('/api/v1/metadata/entities/deal/fields/owner', { required: true });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'KITH_METADATA_REQUIRED_VIOLATED', field: 'owner' });
    expect(refused.body.violations).toBeGreaterThan(0);
    const list = await http.get(`/api/v1/records/deal${q({ limit: '500' })}`);
    for (const d of list.body.data) await http.patch(`/api/v1/records/deal/${d.id}`, { version: d.version, owner: 'ana' });
    const ok = await http.patch('/api/v1/metadata/entities/deal/fields/owner', { required: true, label: 'Account owner' });
    expect(ok.status).toBe(200);
    const missing = await http.post('/api/v1/records/deal', { title: 'No owner' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('owner');
    expect(missing.body.detail).toMatch(/Account owner/);
  });

  it('adds a custom entity with a relation and an index, usable at once', async () => {
    const res = await http.post('/api/v1/metadata/entities', {
      name: 'visit',
      label: { en: 'Visit', es: 'Visita' },
      labelPlural: 'Visits',
      fields: [
        { name: 'subject', type: 'text', required: true },
        { name: 'deal', type: 'relation', target: 'deal', inverse: 'visits' },
        { name: 'when', type: 'datetime' },
      ],
      indexes: [{ fields: ['when'] }],
    });
    expect(res.status).toBe(201);
    const deal = (await http.get(`/api/v1/records/deal${q({ limit: '1' })}`)).body.data[0];
    const visit = await http.post('/api/v1/records/visit', { subject: 'Site tour', deal: deal.id, when: '2026-11-25T10:00:00-05:00' });
    expect(visit.status).toBe(201);
    expect(visit.body.when).toBe('2026-11-25T15:00:00.000Z');
    const withVisits = await http.get(`/api/v1/records/deal/${deal.id}${q({ expand: 'visits' })}`);
    expect(withVisits.body.visits).toHaveLength(1);
  });

  it('removes a custom field only with confirm, keeping its data in an archived column', async () => {
    const addVat = await http.post('/api/v1/metadata/entities/company/fields', { name: 'vatNumber', type: 'text' });
    expect(addVat.status, JSON.stringify(addVat.body)).toBe(201);
    const c = await http.post('/api/v1/records/company', { name: 'Kept SA', vatNumber: 'PE20100047218' });
    const refused = await http.delete('/api/v1/metadata/entities/company/fields/vatNumber');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/1 record/);
    expect((await http.delete(`/api/v1/metadata/entities/company/fields/vatNumber${q({ confirm: 'true' })}`)).status).toBe(204);
    const after = await http.get(`/api/v1/records/company/${c.body.id}`);
    expect(after.body).not.toHaveProperty('vatNumber');
    const archived = await app.db.reader.all('SELECT "column_name", "archived_as" FROM "kith_removed_column"', []);
    expect(archived).toHaveLength(1);
    const [, archivedAs] = archived[0]!;
    const kept = await app.db.reader.all(`SELECT "${String(archivedAs)}" FROM "company" WHERE "id" = ${Number(c.body.id)}`, []);
    expect(kept[0]![0]).toBe('PE20100047218');
    const base = await http.delete('/api/v1/metadata/entities/company/fields/city?confirm=true');
    expect(base.status).toBe(400);
    expect(base.body.detail).toMatch(/hide it instead/);
  });

  it('refuses invalid names, system-field names, collisions and unknown settings', async () => {
    for (const [body, field] of [
      [{ name: 'Bad Name', type: 'text' }, 'Bad Name'],
      [{ name: 'createdAt', type: 'text' }, 'createdAt'],
      [{ name: 'x', type: 'rainbow' }, 'type'],
      [{ name: 'y', type: 'text', colour: 'red' }, 'colour'],
      [{ name: 'z', type: 'relation', target: 'nothing' }, undefined],
    ] as const) {
      const res = await http.post('/api/v1/metadata/entities/deal/fields', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('KITH_METADATA_INVALID');
      if (field) expect(JSON.stringify(res.body)).toContain(field);
    }
    const dup = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'title', type: 'text' });
    expect(dup.status).toBe(409);
    const entity = await http.post('/api/v1/metadata/entities', { name: 'deal', fields: [] });
    expect(entity.status).toBe(409);
    const sys = await http.post('/api/v1/metadata/entities', { name: 'kithUser', fields: [] });
    expect(sys.status).toBe(400);
  });

  it('keeps customisations on top of a changed base definition', async () => {
    const stored = await http.get('/api/v1/metadata/customisations');
    expect(stored.body.data.length).toBeGreaterThan(3);
    expect(stored.body.conflicts).toEqual([]);
  });
});
