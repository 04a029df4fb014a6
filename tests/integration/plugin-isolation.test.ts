import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

const entity = (name: string, fields: Parameters<typeof defineEntity>[0]['fields']) => defineEntity({ name, fields });
const plugin = (id: string, requires: Record<string, string> = {}, entities: ReturnType<typeof defineEntity>[] = [], version = '1.0.0') => definePlugin({ id, version, requires, entities });

// One app per database, listing every way a plugin can fail next to plugins that work.
const plugins = [
  salesFixture,
  async function offlineDrive(): Promise<never> {
    throw new Error('network drive offline');
  },
  './tests/fixtures/plugins/does-not-exist.js',
  () => ({ id: 'hand-made', version: '1.0.0', entities: [] }),
  () => definePlugin({ id: 'bad-version', version: 'one' }),
  plugin('needs-bad-version', { 'bad-version': '^1.0.0' }),
  plugin('cycle-a', { 'cycle-b': '^1.0.0' }),
  plugin('cycle-b', { 'cycle-a': '^1.0.0' }),
  plugin('cycle-user', { 'cycle-a': '^1.0.0' }, [entity('gadget', { name: { type: 'text' } })]),
  plugin('needs-erp', { erp: '^1.0.0' }),
  plugin('needs-new-sales', { 'sales-fixture': '^2.0.0' }, [entity('forecast', { total: { type: 'decimal' } })]),
  plugin('forecast-charts', { 'needs-new-sales': '*' }),
  plugin('second-company', { 'sales-fixture': '^1.0.0' }, [entity('company', { name: { type: 'text' } })]),
  plugin('dangling', {}, [entity('invoice', { number: { type: 'text' }, supplier: { type: 'relation', target: 'supplier' } })]),
  plugin('unrequired', {}, [entity('note', { text: { type: 'text' }, company: { type: 'relation', target: 'company' } })]),
  plugin('notes', { 'sales-fixture': '^1.0.0' }, [entity('remark', { text: { type: 'text' }, company: { type: 'relation', target: 'company', inverse: 'remarks' } })]),
  () => import('../fixtures/plugins/loadable-plugin.js'),
];

describe.each(databases)('plugins that fail are reported and left out on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  let health: { status: string; plugins: { name: string; version: string | null; state: string; error?: string; code?: string }[] };
  const of = (name: string) => health.plugins.find((p) => p.name === name);

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins, databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    health = (await http.get('/api/v1/health')).body;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('starts, reports itself degraded, and serves the plugins that work', async () => {
    expect(health.status).toBe('degraded');
    expect(health.plugins.filter((p) => p.state === 'enabled').map((p) => p.name)).toEqual(['sales-fixture', 'notes', 'loadable']);
    const company = await http.post('/api/v1/records/company', { name: 'Andes Textiles' });
    expect(company.status).toBe(201);
    expect((await http.post('/api/v1/records/remark', { text: 'called back', company: company.body.id })).status).toBe(201);
    expect((await http.post('/api/v1/records/memo', { text: 'from a loader' })).status).toBe(201);
  });

  it('a loader that rejects, a module that is missing, or an export that is no plugin: failed, with the message', () => {
    expect(of('offlineDrive')).toMatchObject({ state: 'failed', version: null, code: 'KITH_PLUGIN_LOAD_FAILED', error: expect.stringContaining('network drive offline') });
    expect(of('./tests/fixtures/plugins/does-not-exist.js')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_LOAD_FAILED', error: expect.stringContaining('there is no file') });
    expect(of('plugins[3]')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_INVALID', error: expect.stringContaining('exports no plugin definition') });
  });

  it('a definition that threw is named by its id, with every problem, and fails its dependents', () => {
    expect(of('bad-version')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_INVALID', error: expect.stringContaining('version: "one" is not a semantic version') });
    expect(of('needs-bad-version')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_DEPENDENCY_FAILED', error: expect.stringContaining('"bad-version"') });
  });

  it('a cycle, a missing and an incompatible dependency: coded errors naming the plugin; dependents fail too', async () => {
    expect(of('cycle-a')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_CYCLE', error: expect.stringContaining('cycle-a → cycle-b → cycle-a') });
    expect(of('cycle-b')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_CYCLE' });
    expect(of('cycle-user')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_DEPENDENCY_FAILED', error: expect.stringContaining('"cycle-user"') });
    expect(of('needs-erp')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_MISSING_DEPENDENCY', error: expect.stringContaining('"needs-erp" requires "erp" ^1.0.0') });
    expect(of('needs-new-sales')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_INCOMPATIBLE_DEPENDENCY', error: expect.stringContaining('but "sales-fixture" is version 1.0.0') });
    expect(of('forecast-charts')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_DEPENDENCY_FAILED', error: expect.stringContaining('"needs-new-sales"') });
    expect((await http.get('/api/v1/records/gadget')).status).toBe(404);
    expect((await http.get('/api/v1/records/forecast')).status).toBe(404);
  });

  it('entities that clash with another plugin, or relate to an entity nobody it requires defines: failed, the clash named', async () => {
    expect(of('second-company')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_METADATA_INVALID', error: expect.stringContaining('entity "company" is defined twice (plugin:sales-fixture and plugin:second-company)') });
    expect(of('dangling')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_METADATA_INVALID', error: expect.stringContaining('invoice.supplier.target: relation target "supplier" is not an entity') });
    expect(of('unrequired')).toMatchObject({ state: 'failed', error: expect.stringContaining('it is defined by plugin "sales-fixture": add "sales-fixture" to requires') });
    expect((await http.get('/api/v1/records/invoice')).status).toBe(404);
    const company = (await http.get('/api/v1/metadata/entities/company')).body;
    expect(company.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['city', 'website']));
  });

  it('GET /api/v1/plugins gives each plugin its error with code and problems, and its dependents', async () => {
    const list = (await http.get('/api/v1/plugins')).body.data as { id: string; state: string; dependents: string[]; error?: { code: string; errors?: { field: string }[] }; installedVersion: string | null }[];
    const byId = (id: string) => list.find((p) => p.id === id)!;
    expect(byId('sales-fixture')).toMatchObject({ state: 'enabled', installedVersion: '1.0.0', dependents: ['needs-new-sales', 'forecast-charts', 'second-company', 'notes'] });
    expect(byId('bad-version').error?.errors).toEqual([expect.objectContaining({ field: 'version', code: 'KITH_DEFINITION_INVALID' })]);
    expect(byId('cycle-a')).toMatchObject({ installedVersion: null, dependents: ['cycle-b', 'cycle-user'] });
    expect(byId('dangling').error?.errors?.map((e) => e.field)).toEqual(['invoice.supplier.target']);
  });
});
