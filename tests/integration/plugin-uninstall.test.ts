import { uninstallPlugin } from '../../core/src/kernel/plugin-uninstall.js';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycle, quotesKit } from '../fixtures/plugins/quotes-kit.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('uninstalling a plugin on $name', (database) => {
  let app: TestApp | undefined;
  let url: string;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  const boot = async (plugins: (typeof salesFixture)[]) => {
    await app?.close();
    app = await createTestApp({ plugins, databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: { code?: string; message?: string }) => error);

  beforeAll(async () => {
    ({ url, drop } = await database.fresh());
    await boot([salesFixture, quotesKit]);
    expect((await http.post('/api/v1/records/quote', { number: 'Q-100', total: 40 })).status).toBe(201);
    expect((await http.patch('/api/v1/metadata/entities/quote/fields/number', { label: 'Quote no.' })).status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await drop();
  });

  it('is refused while the plugin is still in kith.config.js', async () => {
    expect(await failure(uninstallPlugin(app!, 'quotes-kit', { purge: false }))).toMatchObject({ code: 'KITH_PLUGIN_STILL_LISTED' });
  });

  it('once it left the config: forgets it and keeps its tables, data and customisations', async () => {
    await boot([salesFixture]);
    const report = await uninstallPlugin(app!, 'quotes-kit', { purge: false });
    expect(report).toEqual({ plugin: 'quotes-kit', version: '1.0.0', purged: false, tables: ['quote'], extensionFields: ['company.quoteLimit'], customisations: 1 });
    expect(await app!.db.reader.all('SELECT "number" FROM "quote" ORDER BY "id"', [])).toEqual([['WELCOME'], ['Q-100']]);
    expect((await http.get('/api/v1/metadata/customisations')).body.conflicts).toEqual([expect.objectContaining({ kind: 'updateField', message: expect.stringContaining('no longer exists') })]);
    expect(await failure(uninstallPlugin(app!, 'quotes-kit', { purge: false }))).toMatchObject({ code: 'KITH_PLUGIN_NOT_INSTALLED' });
  });

  it('listed again, it installs afresh over the data it left', async () => {
    lifecycle.length = 0;
    await boot([salesFixture, quotesKit]);
    expect(lifecycle[0]).toBe('install quotes-kit');
    expect((await http.get('/api/v1/records/quote?sort=id')).body.data.map((r: { number: string }) => r.number)).toEqual(['WELCOME', 'Q-100', 'WELCOME']);
    expect((await http.get('/api/v1/metadata/customisations')).body.conflicts).toEqual([]);
  });

  it('with purge, drops its tables in one transaction', async () => {
    await boot([salesFixture]);
    expect(await uninstallPlugin(app!, 'quotes-kit', { purge: true })).toMatchObject({ purged: true, tables: ['quote'] });
    await expect(app!.db.reader.all('SELECT COUNT(*) FROM "quote"', [])).rejects.toThrow();
    expect((await http.get('/api/v1/health')).body.status).toBe('ok');
    expect(await failure(uninstallPlugin(app!, 'quotes-kit', { purge: true }))).toMatchObject({ code: 'KITH_PLUGIN_NOT_INSTALLED' });
  });
});
