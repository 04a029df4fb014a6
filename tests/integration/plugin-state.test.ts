import { Errors, MetadataRegistry } from '@kith/core';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

const helpdesk = definePlugin({ id: 'helpdesk', version: '1.1.0', entities: [defineEntity({ name: 'ticket', fields: { subject: { type: 'text', required: true } } })] });
const helpdeskNotes = definePlugin({
  id: 'helpdesk-notes',
  version: '1.0.0',
  requires: { helpdesk: '^1.0.0' },
  entities: [defineEntity({ name: 'ticketNote', fields: { text: { type: 'text' }, ticket: { type: 'relation', target: 'ticket', inverse: 'notes' } } })],
});
const plugins = [helpdeskNotes, salesFixture, helpdesk];

describe.each(databases)('enabling and disabling plugins on $name', (database) => {
  let app: TestApp;
  let url: string;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  const restart = async () => {
    await app.close();
    app = await createTestApp({ plugins, databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
  };
  const listed = async (id: string) => ((await http.get('/api/v1/plugins')).body.data as { id: string }[]).find((p) => p.id === id);

  beforeAll(async () => {
    const fresh = await database.fresh();
    url = fresh.url;
    drop = fresh.drop;
    app = await createTestApp({ plugins, databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('lists every plugin for any signed-in user, in dependency order of start, with installed version and dependents', async () => {
    await http.post('/api/v1/users', { email: 'agent@example.com', name: 'Agent', password: 'correct horse battery' });
    const agent = httpClient(app.server, { authorization: `Bearer ${(await http.post('/api/v1/auth/login', { email: 'agent@example.com', password: 'correct horse battery' })).body.token}` });
    const list = await agent.get('/api/v1/plugins');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      { id: 'helpdesk-notes', version: '1.0.0', installedVersion: '1.0.0', state: 'enabled', requires: { helpdesk: '^1.0.0' }, dependents: [] },
      { id: 'sales-fixture', version: '1.0.0', installedVersion: '1.0.0', state: 'enabled', requires: {}, dependents: [] },
      { id: 'helpdesk', version: '1.1.0', installedVersion: '1.1.0', state: 'enabled', requires: {}, dependents: ['helpdesk-notes'] },
    ]);
    expect((await httpClient(app.server).get('/api/v1/plugins')).status).toBe(401);
    const refused = await agent.post('/api/v1/plugins/helpdesk/disable');
    expect(refused).toMatchObject({ status: 403, body: { code: 'KITH_FORBIDDEN' } });
  });

  it('disable is stored, says a restart is needed, and names the dependents that stop with it', async () => {
    const ticket = await http.post('/api/v1/records/ticket', { subject: 'Printer on fire' });
    expect((await http.post('/api/v1/records/ticketNote', { text: 'called IT', ticket: ticket.body.id })).status).toBe(201);
    const res = await http.post('/api/v1/plugins/helpdesk/disable');
    expect(res).toMatchObject({ status: 200, body: { id: 'helpdesk', state: 'enabled', pending: 'disabled', restartRequired: true, dependents: ['helpdesk-notes'] } });
    // Nothing changes until the next start.
    expect((await http.get(`/api/v1/records/ticket/${ticket.body.id}`)).status).toBe(200);
  });

  it('after a restart the plugin and its dependents are disabled, their records not served, their data kept', async () => {
    await restart();
    const health = (await http.get('/api/v1/health')).body;
    expect(health.status).toBe('ok');
    expect(health.plugins).toEqual([
      { name: 'helpdesk-notes', version: '1.0.0', state: 'disabled' },
      { name: 'sales-fixture', version: '1.0.0', state: 'enabled' },
      { name: 'helpdesk', version: '1.1.0', state: 'disabled' },
    ]);
    expect(await listed('helpdesk-notes')).toMatchObject({ state: 'disabled', disabledWith: 'helpdesk' });
    expect(await listed('helpdesk')).not.toHaveProperty('pending');
    expect((await http.get('/api/v1/records/ticket')).status).toBe(404);
    expect((await http.get('/api/v1/records/ticketNote')).status).toBe(404);
    expect((await http.post('/api/v1/records/deal', { title: 'still selling' })).status).toBe(201);
    expect(await app.db.reader.all('SELECT "subject" FROM "ticket"', [])).toEqual([['Printer on fire']]);
  });

  it('enable is stored too, and after a restart the records are served again', async () => {
    expect((await http.post('/api/v1/plugins/helpdesk/enable')).body).toMatchObject({ state: 'disabled', pending: 'enabled', restartRequired: true });
    await restart();
    expect((await http.get('/api/v1/health')).body.plugins.every((p: { state: string }) => p.state === 'enabled')).toBe(true);
    const tickets = await http.get('/api/v1/records/ticket');
    expect(tickets.body.data.map((t: { subject: string }) => t.subject)).toEqual(['Printer on fire']);
    expect((await http.get('/api/v1/records/ticketNote')).body.data).toHaveLength(1);
  });

  it('refuses to disable a plugin while a customisation points at its entities (409, naming the field)', async () => {
    expect((await http.post('/api/v1/metadata/entities/deal/fields', { name: 'lastTicket', type: 'relation', target: 'ticket' })).status).toBe(201);
    const res = await http.post('/api/v1/plugins/helpdesk/disable');
    expect(res).toMatchObject({ status: 409, body: { code: 'KITH_PLUGIN_IN_USE', errors: [{ field: expect.stringMatching(/^deal\.lastTicket/), message: expect.stringMatching(/points to "ticket"/) }] } });
    expect(await listed('helpdesk')).not.toHaveProperty('pending');
  });

  it('refuses an unknown plugin (404), and needs no restart for a change that changes nothing', async () => {
    expect((await http.post('/api/v1/plugins/nope/disable')).body).toMatchObject({ code: 'KITH_PLUGIN_NOT_FOUND' });
    expect((await http.post('/api/v1/plugins/nope/disable')).status).toBe(404);
    expect((await http.post('/api/v1/plugins/helpdesk/enable')).body).toMatchObject({ state: 'enabled', restartRequired: false });
  });
});

describe.each(databases)('a plugin removed from the config while a custom relation points at it, on $name', (database) => {
  it('starts anyway: the relation becomes a customisation conflict, its values stay in their column', async () => {
    const { url } = await database.fresh();
    let app = await createTestApp({ plugins: [salesFixture, helpdesk], databaseUrl: url });
    let http = httpClient(app.server, app.adminHeaders);
    const ticket = (await http.post('/api/v1/records/ticket', { subject: 'Invoice query' })).body;
    expect((await http.post('/api/v1/metadata/entities/deal/fields', { name: 'lastTicket', type: 'relation', target: 'ticket' })).status).toBe(201);
    const deal = (await http.post('/api/v1/records/deal', { title: 'Renewal', lastTicket: ticket.id })).body;
    await app.close();
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: url }); // helpdesk left out of the config
    try {
      http = httpClient(app.server, app.adminHeaders);
      expect((await http.get('/api/v1/health')).body.status).toBe('ok');
      const conflicts = (await http.get('/api/v1/metadata/customisations')).body.conflicts as { message: string }[];
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.message).toMatch(/deal\.lastTicket points to "ticket", which no longer exists/);
      const read = await http.get(`/api/v1/records/deal/${deal.id}`);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('lastTicket');
      expect(await app.db.reader.all(`SELECT "c_last_ticket_id" FROM "deal" WHERE "id" = ${Number(deal.id)}`, [])).toEqual([[ticket.id]]);
    } finally {
      await app.close();
    }
  });
});

describe('metadata the registry still refuses (stored customisations meet a plugin)', () => {
  it('leaves out the plugins its problems name, with their dependents, and opens again without them', async () => {
    const open = MetadataRegistry.open.bind(MetadataRegistry);
    const spy = vi.spyOn(MetadataRegistry, 'open').mockImplementationOnce(async () => {
      throw Errors.definitionInvalid('The effective metadata', [{ field: 'ticket.subject', code: 'KITH_METADATA_INVALID', message: 'a customisation clashes with it' }]);
    });
    spy.mockImplementation(open);
    const app = await createTestApp({ plugins });
    try {
      const health = (await httpClient(app.server).get('/api/v1/health')).body;
      expect(health.status).toBe('degraded');
      expect(health.plugins).toEqual([
        expect.objectContaining({ name: 'helpdesk-notes', state: 'failed', code: 'KITH_PLUGIN_DEPENDENCY_FAILED' }),
        expect.objectContaining({ name: 'sales-fixture', state: 'enabled' }),
        expect.objectContaining({ name: 'helpdesk', state: 'failed', code: 'KITH_PLUGIN_METADATA_INVALID', error: expect.stringContaining('ticket.subject: a customisation clashes with it') }),
      ]);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
      await app.close();
    }
  });
});
