import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();
type Http = ReturnType<typeof httpClient>;
type Section = { label: { en: string; es?: string }; columns: number; fields: string[]; unplaced?: true };

const layout = {
  sections: [
    { label: { en: 'Deal', es: 'Negocio' }, columns: 2, fields: ['title', 'stage', 'amount', 'probability'] },
    { label: 'Contact', fields: ['contactEmail', 'contactPhone', 'company'] },
  ],
};

describe.each(databases)('layouts API on $name', (database) => {
  let app: TestApp;
  let http: Http;
  const sections = async (client: Http = http): Promise<Section[]> => (await client.get('/api/v1/metadata/entities/deal/layout')).body.sections;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(() => app.close());

  it('starts with the default layout: every field in one section', async () => {
    const res = await http.get('/api/v1/metadata/entities/deal/layout');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entity: 'deal', customised: false });
    expect(res.body.sections).toHaveLength(1);
    expect(res.body.sections[0].fields).toContain('title');
  });

  it('sets a layout as a customisation (no schema change) and reads it back, the rest in "Other"', async () => {
    const res = await http.put('/api/v1/metadata/entities/deal/layout', layout);
    expect(res.status).toBe(200);
    expect(res.body.customised).toBe(true);
    expect(res.body.sections).toEqual([
      { label: { en: 'Deal', es: 'Negocio' }, columns: 2, fields: ['title', 'stage', 'amount', 'probability'] },
      { label: { en: 'Contact' }, columns: 1, fields: ['contactEmail', 'contactPhone', 'company'] },
      { label: { en: 'Other', es: 'Otros' }, columns: 1, fields: ['closeDate', 'tags', 'weighted'], unplaced: true },
    ]);
    const stored = (await http.get('/api/v1/metadata/customisations')).body.data.at(-1);
    expect(stored).toMatchObject({ kind: 'setLayout', entityId: 'deal', layout: { sections: [{ fields: ['deal.title', 'deal.stage', 'deal.amount', 'deal.probability'] }, {}] } });
  });

  it('a field added later lands in "Other", so it never disappears', async () => {
    expect((await http.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'text' })).status).toBe(201);
    expect((await sections()).at(-1)!.fields).toEqual(['closeDate', 'tags', 'weighted', 'region']);
  });

  it('shows a restricted reader only the fields they may read; only administrators change it', async () => {
    const role = { name: 'layoutReader', grants: { deal: { create: 'none', read: 'all', edit: 'none', delete: 'none', fields: { amount: { read: false, edit: false } } }, company: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } };
    expect((await http.post('/api/v1/metadata/roles', role)).status).toBe(201);
    await http.post('/api/v1/users', { email: 'reader@example.com', name: 'Reader', password: 'correct horse battery', roles: ['layoutReader'] });
    const token = (await http.post('/api/v1/auth/login', { email: 'reader@example.com', password: 'correct horse battery' })).body.token;
    const reader = httpClient(app.server, { authorization: `Bearer ${token}` });
    const seen = await sections(reader);
    expect(seen[0]!.fields).toEqual(['title', 'stage', 'probability']);
    expect(seen.flatMap((s) => s.fields)).not.toContain('amount');
    const put = await reader.put('/api/v1/metadata/entities/deal/layout', layout);
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('KITH_FORBIDDEN');
  });

  it('refuses unknown fields, duplicates and empty sections with a coded problem naming the path; nothing stored', async () => {
    const count = async () => (await http.get('/api/v1/metadata/customisations')).body.data.length as number;
    const before = await count();
    const cases: [unknown, string, string][] = [
      [{ sections: [{ label: 'A', fields: ['title', 'colour'] }] }, 'KITH_LAYOUT_UNKNOWN_FIELD', 'sections.0.fields.1'],
      [{ sections: [{ label: 'A', fields: ['title'] }, { label: 'B', fields: ['stage', 'title'] }] }, 'KITH_LAYOUT_DUPLICATE_FIELD', 'sections.1.fields.1'],
      [{ sections: [{ label: 'A', fields: ['title'] }, { label: 'B', fields: [] }] }, 'KITH_LAYOUT_EMPTY_SECTION', 'sections.1.fields'],
    ];
    for (const [body, code, path] of cases) {
      const res = await http.put('/api/v1/metadata/entities/deal/layout', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ code: 'KITH_LAYOUT_INVALID', field: path, errors: [{ code, field: path }] });
    }
    expect((await http.put('/api/v1/metadata/entities/deal/layout', { sections: [{ label: 'A', columns: 3, fields: ['title'] }] })).status).toBe(400);
    expect((await http.put('/api/v1/metadata/entities/deal/layout', { sections: [] })).status).toBe(400);
    expect((await http.put('/api/v1/metadata/entities/nothing/layout', layout)).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('travels in a package: export, then apply to a fresh instance', async () => {
    const files = (await http.get('/api/v1/config/export')).body.files as Record<string, string>;
    expect(Object.keys(files)).toContain('layouts/deal.json');
    const fresh = await createTestApp({ plugins: [salesFixture], databaseUrl: (await database.fresh()).url });
    try {
      const other = httpClient(fresh.server, fresh.adminHeaders);
      const applied = await other.post('/api/v1/config/apply', { files });
      expect(applied.status).toBe(200);
      expect(applied.body.changes.map((c: { summary: string }) => c.summary)).toContain('set layout of deal (2 sections: Deal, Contact)');
      expect(await sections(other)).toEqual(await sections());
    } finally {
      await fresh.close();
    }
  });

  it('reverts from the history to the layout before (none: the default)', async () => {
    const entry = (await http.get('/api/v1/metadata/history')).body.data.find((e: { kind: string }) => e.kind === 'setLayout');
    const done = await http.post(`/api/v1/metadata/history/${entry.seq}/revert`);
    expect(done.status).toBe(200);
    const res = await http.get('/api/v1/metadata/entities/deal/layout');
    expect(res.body.customised).toBe(false);
    expect(res.body.sections).toHaveLength(1);
  });

  it('drops a removed field from the layout, and reports a conflict only when none of its fields is left', async () => {
    expect((await http.put('/api/v1/metadata/entities/deal/layout', { sections: [{ label: 'Where', fields: ['region'] }] })).status).toBe(200);
    expect((await http.delete('/api/v1/metadata/entities/deal/fields/region?confirm=true')).status).toBe(204);
    const res = await http.get('/api/v1/metadata/entities/deal/layout');
    expect(res.body).toMatchObject({ customised: false, sections: [{ label: { en: 'Deal' } }] });
    const conflicts = (await http.get('/api/v1/metadata/customisations')).body.conflicts as { kind: string; message: string }[];
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'setLayout', message: expect.stringMatching(/None of the fields/) })]);
  });
});
