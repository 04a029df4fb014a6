import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flaky, lifecycle, quotesAddon, quotesKit } from '../fixtures/plugins/quotes-kit.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();
const base = '/api/v1/plugins/quotes-kit';

describe.each(databases)('plugin routes, settings, context and lifecycle on $name', (database) => {
  let app: TestApp;
  let url: string;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  let viewer: ReturnType<typeof httpClient>;
  const put = async (path: string, body: unknown, headers: Record<string, string> = app.adminHeaders) => {
    const res = await app.server.inject({ method: 'PUT', url: path, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };

  beforeAll(async () => {
    lifecycle.length = 0;
    ({ url, drop } = await database.fresh());
    app = await createTestApp({ plugins: [quotesAddon, flaky, quotesKit, salesFixture], databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
    await http.post('/api/v1/users', { email: 'viewer@example.com', name: 'Viewer', password: 'correct horse battery', roles: ['quoteViewer'] });
    const token = (await http.post('/api/v1/auth/login', { email: 'viewer@example.com', password: 'correct horse battery' })).body.token;
    viewer = httpClient(app.server, { authorization: `Bearer ${token}` });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('installs once (the install hook writes in the install transaction), then starts dependencies first', async () => {
    expect(lifecycle).toEqual(['install quotes-kit', 'start quotes-kit (1 quotes)', 'start quotes-addon']);
    expect((await http.get(`/api/v1/records/quote${q({ filter: { number: 'WELCOME' } })}`)).body.data).toHaveLength(1);
  });

  it('a plugin whose start hook throws is left out with its routes and entities; the others run', async () => {
    const health = (await http.get('/api/v1/health')).body;
    expect(health.status).toBe('degraded');
    expect(health.plugins.find((p: { name: string }) => p.name === 'flaky')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_START_FAILED', error: 'start failed: the licence server said no (plugin "flaky"; it is left out until the next start)' });
    expect((await http.get('/api/v1/plugins/flaky/ping')).status).toBe(404);
    expect((await http.get('/api/v1/records/flakyThing')).status).toBe(404);
  });

  it('answers under /api/v1/plugins/<id> for signed-in callers only, with the request checked against its schemas', async () => {
    const anonymous = await httpClient(app.server).post(`${base}/quotes`, { total: 10 });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'KITH_AUTH_REQUIRED' } });
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    const created = await http.post(`${base}/quotes`, { total: 120 });
    expect(created).toMatchObject({ status: 201, body: { number: 'Q-2', total: 120 } });
    expect((await http.get(`${base}/quotes/${created.body.id}`)).body).toMatchObject({ id: created.body.id, number: 'Q-2' });
    expect((await http.get(`${base}/quotes/abc`)).body).toMatchObject({ status: 400, code: 'KITH_PLUGIN_REQUEST_INVALID', field: 'id', plugin: 'quotes-kit' });
    const bad = await http.post(`${base}/quotes`, { total: -1, extra: true });
    expect(bad).toMatchObject({ status: 400, body: { code: 'KITH_PLUGIN_REQUEST_INVALID', field: 'total' } });
    expect((await http.get(`${base}/quotes/999999`)).body).toMatchObject({ status: 404, code: 'KITH_RECORD_NOT_FOUND' });
    expect((await http.get(`${base}/whoami?verbose=true`)).body).toMatchObject({ user: { isAdmin: true }, verbose: true, plugin: { id: 'quotes-kit', version: '1.0.0' }, entities: ['company', 'deal', 'quote'], quoteLimit: 'plugin:quotes-kit' });
  });

  it('a RouteError is the plugin’s refusal; anything else it throws is a 500 naming the plugin, and the server carries on', async () => {
    expect(await http.post(`${base}/quotes`, { total: 5000 })).toMatchObject({ status: 409, body: { code: 'QUOTES_TOTAL_TOO_HIGH', field: 'total', plugin: 'quotes-kit', detail: 'A quote may total at most 1000; ask for approval first.' } });
    const boom = await http.get(`${base}/boom`);
    expect(boom).toMatchObject({ status: 500, body: { code: 'KITH_PLUGIN_ROUTE_FAILED', plugin: 'quotes-kit' } });
    expect(boom.body.detail).toBe('Plugin "quotes-kit" failed while handling GET /api/v1/plugins/quotes-kit/boom; the error was logged with the plugin\'s name. Report it to the plugin\'s authors.');
    expect(JSON.stringify(boom.body)).not.toContain('secret');
    expect((await http.get('/api/v1/health')).status).toBe(200);
  });

  it('ctx.records.transaction stores everything or nothing, and reads in it see its own writes', async () => {
    const refused = await http.post(`${base}/batch`, { totals: [1, 2, 3] });
    expect(refused).toMatchObject({ status: 400, body: { code: 'QUOTES_BATCH_TOO_LARGE', detail: expect.stringContaining('would make 3') } });
    expect((await http.get(`/api/v1/records/quote${q({ filter: { number: { $like: 'B-%' } }, count: 'true' })}`)).body.total).toBe(0);
    expect((await http.post(`${base}/batch`, { totals: [1, 2] })).body.map((r: { number: string }) => r.number)).toEqual(['B-1', 'B-2']);
  });

  it('ctx.records acts as the caller: their permissions apply; admin-only routes refuse others', async () => {
    expect((await viewer.post(`${base}/quotes`, { total: 1 })).body).toMatchObject({ status: 403, code: 'KITH_FORBIDDEN' });
    expect((await viewer.get(`${base}/whoami`)).body.user).toMatchObject({ isAdmin: false, roles: ['quoteViewer'] });
    expect((await viewer.get(`${base}/admin-only`)).status).toBe(403);
    expect((await http.get(`${base}/admin-only`)).body).toEqual({ ok: true });
    // The caller's audit trail says the change came through a plugin.
    const created = (await http.post(`${base}/quotes`, { total: 7 })).body;
    const history = (await http.get(`/api/v1/records/quote/${created.id}/history`)).body.data;
    expect(history[0]).toMatchObject({ channel: 'plugin' });
  });

  it('settings: administrators read them with defaults and schema, replace them, and get a 400 naming each field that does not fit', async () => {
    expect((await http.get(`${base}/settings`)).body).toMatchObject({ plugin: 'quotes-kit', data: { prefix: 'Q-', maxTotal: 1000 }, schema: { type: 'object', properties: { prefix: { type: 'string' } } } });
    expect((await viewer.get(`${base}/settings`)).status).toBe(403);
    const refused = await put(`${base}/settings`, { prefix: 'TOOLONG', maxTotal: 0, colour: 'red' });
    expect(refused).toMatchObject({ status: 400, body: { code: 'KITH_PLUGIN_SETTINGS_INVALID', field: 'colour' } });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['colour', 'prefix', 'maxTotal']);
    expect(refused.body.detail).toContain('"colour" is not a setting of plugin "quotes-kit"');
    expect((await put(`${base}/settings`, { prefix: 'QT-' })).body).toMatchObject({ data: { prefix: 'QT-', maxTotal: 1000 } });
    expect((await http.post(`${base}/quotes`, { total: 3 })).body.number).toMatch(/^QT-\d+$/);
    expect((await put('/api/v1/plugins/nope/settings', {})).status).toBe(404);
  });

  it('extensions add fields to the entities of a plugin it requires', async () => {
    const company = await http.post('/api/v1/records/company', { name: 'Andes SAC', quoteLimit: 3 });
    expect(company).toMatchObject({ status: 201, body: { quoteLimit: 3 } });
    const field = (await http.get('/api/v1/metadata/entities/company')).body.fields.find((f: { name: string }) => f.name === 'quoteLimit');
    expect(field).toMatchObject({ id: 'company.quoteLimit', source: 'plugin:quotes-kit' });
  });

  it('a restart does not install again; stop hooks run in reverse start order', async () => {
    lifecycle.length = 0;
    await app.close();
    expect(lifecycle).toEqual(['stop quotes-addon', 'stop quotes-kit']);
    lifecycle.length = 0;
    app = await createTestApp({ plugins: [quotesAddon, quotesKit, salesFixture], databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
    expect(lifecycle[0]).toMatch(/^start quotes-kit/);
    expect((await http.get(`${base}/settings`)).body.data).toEqual({ prefix: 'QT-', maxTotal: 1000 });
  });
});
