import { readUpgradePlans } from '../../core/src/kernel/plugin-plan-reader.js';
import { formatPlan } from '../../core/src/kernel/plugin-cli.js';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { DefinitionError, defineEntity, definePlugin, Type, type PluginInput } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../core/src/queue/worker.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { contactsV1, contactsV2, contactsV2Broken, migrationLog } from '../fixtures/plugins/upgrade-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

const databases = await testDatabases();

type Conflict = { seq: number; kind: string; message: string };

describe.each(databases)('upgrading a plugin under a client’s customisations on $name', (database) => {
  let url: string;
  let drop: () => Promise<void>;
  let app: TestApp | undefined;
  let http: ReturnType<typeof httpClient>;
  const ids: Record<string, number> = {};

  const boot = async (contacts: typeof contactsV1) => {
    await app?.close();
    app = await createTestApp({ plugins: [salesFixture, contacts], databaseUrl: url });
    http = httpClient(app.server, app.adminHeaders);
    // The server is up whatever happened to the plugin.
    expect((await http.get('/api/v1/health')).status).toBe(200);
    expect((await http.post('/api/v1/records/deal', { title: `deal while ${contacts.version}` })).status).toBe(201);
  };
  const contactsReport = async () => ((await http.get('/api/v1/plugins')).body.data as { id: string }[]).find((p) => p.id === 'contacts') as Record<string, any>;
  const sql = (text: string) => app!.db.reader.all(text, []);

  beforeAll(async () => {
    ({ url, drop } = await database.fresh());
    await boot(contactsV1);
  });
  afterAll(async () => {
    await app?.close();
    await drop();
  });

  it('v1: a consultant customises over the API and users create records', async () => {
    const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
    };
    await ok(http.post('/api/v1/metadata/entities/contact/fields', { name: 'loyaltyTier', type: 'select', options: ['bronze', 'silver', 'gold'] }), 201);
    await ok(http.post('/api/v1/metadata/entities/contact/fields', { name: 'region', type: 'text', label: 'Sales region' }), 201);
    await ok(http.patch('/api/v1/metadata/entities/contact/fields/nickname', { label: 'Known as' }));
    await ok(http.patch('/api/v1/metadata/entities/contact/fields/email', { required: true }));
    await ok(http.patch('/api/v1/metadata/entities/contact/fields/status', { options: ['new', 'active', 'vip'] }));
    await ok(http.patch('/api/v1/metadata/entities/contact/fields/legacyCode', { hidden: true }));
    await ok(
      http.post('/api/v1/metadata/entities/contact/rules', {
        name: 'vipNeedsTier',
        condition: { and: [{ '==': [{ var: 'status' }, 'vip'] }, { '!': { var: 'loyaltyTier' } }] },
        message: 'A VIP needs a loyalty tier.',
        fields: ['loyaltyTier'],
      }),
      201,
    );
    await ok(
      http.post('/api/v1/workflows', {
        id: 'gold-means-vip',
        label: 'Gold tier makes a VIP',
        entity: 'contact',
        trigger: { type: 'fieldChanged', field: 'loyaltyTier', to: 'gold' },
        actions: [{ type: 'setFields', values: { status: 'vip' } }],
      }),
      201,
    );
    await ok(http.patch('/api/v1/metadata/roles/agent', { grants: { contact: { create: 'all', read: 'all', edit: 'own', delete: 'own', fields: { nickname: { read: true, edit: false } } } } }));

    for (const [key, body] of Object.entries({
      ana: { name: 'Ana Quispe', email: 'ana@example.com', nickname: 'Anita', legacyCode: 'L-1', status: 'vip', loyaltyTier: 'gold', region: 'Sur' },
      luis: { name: 'Luis Apaza', email: 'luis@example.com', nickname: 'Lucho', legacyCode: 'L-2', status: 'active', loyaltyTier: 'bronze', region: 'Norte' },
      rosa: { name: 'Rosa Mamani', email: 'rosa@example.com' },
    })) {
      const res = await http.post('/api/v1/records/contact', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[key] = res.body.id;
    }
    expect((await http.post('/api/v1/records/contact', { name: 'No tier', email: 'x@example.com', status: 'vip' })).body.code).toBe('KITH_VALIDATION_RULE_FAILED');
    expect((await http.get('/api/v1/plugins/contacts/upgrade-plan')).body).toMatchObject({ action: 'none', from: '1.0.0', to: '1.0.0', conflicts: [] });
    expect((await http.get('/api/v1/metadata/customisations')).body.conflicts).toEqual([]);
  });

  it('plans the upgrade to v2 before anything is touched: versions, migrations, field changes, the two conflicts', async () => {
    await app!.close();
    app = undefined;
    const { plans, failures } = await readUpgradePlans(url, [salesFixture, contactsV2], process.cwd());
    expect(failures).toEqual([]);
    expect(plans.find((p) => p.plugin === 'sales-fixture')).toMatchObject({ action: 'none' });
    const plan = plans.find((p) => p.plugin === 'contacts')!;
    expect(plan).toMatchObject({
      action: 'upgrade',
      from: '1.0.0',
      to: '2.0.0',
      previousKnown: true,
      migrations: [
        { version: '1.5.0', renameFields: [], up: true },
        { version: '2.0.0', renameFields: [{ entity: 'contact', from: 'nickname', to: 'preferredName' }], up: true },
      ],
      entities: { added: [], removed: [] },
      fields: { added: ['contact.score', 'contact.region'], removed: ['contact.legacyCode'], renamed: [{ entity: 'contact', from: 'nickname', to: 'preferredName', by: 'migration' }], retyped: [] },
    });
    expectTheTwoConflicts(plan.conflicts);
    const text = formatPlan(plan);
    expect(text).toContain('contacts: upgrade 1.0.0 → 2.0.0');
    expect(text).toContain('migration 2.0.0 — nickname becomes preferredName; VIPs start with a score of 10: rename contact.nickname → preferredName; runs its up()');
    expect(text).toContain('2 customisation conflict(s)');
    expect(migrationLog).toEqual([]); // planning ran nothing
  });

  it('a migration that throws rolls the whole upgrade back: version unchanged, plugin reported failed, server up', async () => {
    await boot(contactsV2Broken);
    const health = (await http.get('/api/v1/health')).body;
    expect(health.status).toBe('degraded');
    const failed = health.plugins.find((p: { name: string }) => p.name === 'contacts');
    expect(failed).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_MIGRATION_FAILED', version: '2.0.0' });
    expect(failed.error).toMatch(/Upgrading plugin "contacts" from 1\.0\.0 to 2\.0\.0 failed in migration 2\.0\.0 \("nickname becomes preferredName; VIPs start with a score of 10"\): the scoring service is unreachable\. Nothing was changed: the upgrade was rolled back and 1\.0\.0 stays installed/);
    expect(await contactsReport()).toMatchObject({ installedVersion: '1.0.0', state: 'failed', lastUpgrade: { outcome: 'failed', from: '1.0.0', to: '2.0.0', error: { code: 'KITH_PLUGIN_MIGRATION_FAILED' } } });
    expect((await http.get('/api/v1/records/contact')).status).toBe(404);
    // Nothing of the failed upgrade remains: no record written by the migration, the renamed field's values where they were.
    expect(await sql('SELECT "name", "nickname", "legacy_code", "c_region" FROM "contact" ORDER BY "id"')).toEqual([
      ['Ana Quispe', 'Anita', 'L-1', 'Sur'],
      ['Luis Apaza', 'Lucho', 'L-2', 'Norte'],
      ['Rosa Mamani', null, null, null],
    ]);
    expect(await sql('SELECT COUNT(*) FROM "kith_removed_column"')).toEqual([[0]]);
    expect((await http.get('/api/v1/plugins/contacts/upgrade-plan')).body).toMatchObject({ action: 'upgrade', from: '1.0.0', to: '2.0.0' });
    migrationLog.length = 0;
  });

  it('v2: every other customisation, record and value intact; exactly the two conflicts reported', async () => {
    await boot(contactsV2);
    expect((await http.get('/api/v1/health')).body).toMatchObject({ status: 'ok' });
    expect(migrationLog).toEqual(['1.5.0 from 1.0.0 to 2.0.0', '2.0.0']);
    const report = await contactsReport();
    expect(report).toMatchObject({ installedVersion: '2.0.0', state: 'enabled', lastUpgrade: { outcome: 'upgraded', from: '1.0.0', to: '2.0.0', moved: [{ entity: 'contact', from: 'nickname', to: 'preferredName', rows: 2 }] } });
    expectTheTwoConflicts(report.lastUpgrade.conflicts);
    expectTheTwoConflicts((await http.get('/api/v1/metadata/customisations')).body.conflicts);

    const contact = (await http.get('/api/v1/metadata/entities/contact')).body;
    const field = (name: string) => contact.fields.find((f: { name: string }) => f.name === name);
    expect(field('preferredName')).toMatchObject({ label: { en: 'Known as' }, source: 'plugin:contacts' });
    expect(field('email')).toMatchObject({ required: true });
    expect(field('status').options.map((o: { value: string }) => o.value)).toEqual(['new', 'active', 'vip']);
    expect(field('loyaltyTier')).toMatchObject({ source: 'custom' });
    expect(field('region')).toMatchObject({ source: 'plugin:contacts', type: 'select' });
    expect(field('score')).toMatchObject({ source: 'plugin:contacts' });
    expect(field('nickname')).toBeUndefined();
    expect(field('legacyCode')).toBeUndefined();
    expect((await http.get('/api/v1/metadata/roles/agent')).body.grants.contact).toEqual({ create: 'all', read: 'all', edit: 'own', delete: 'own', fields: { preferredName: { read: true, edit: false } } });
    const rules = (await http.get('/api/v1/metadata/entities/contact/rules')).body.data;
    expect(rules).toEqual([expect.objectContaining({ name: 'vipNeedsTier', active: true, fields: ['loyaltyTier'] })]);

    const list = (await http.get(`/api/v1/records/contact${q({ sort: 'id' })}`)).body.data;
    expect(list.map((r: Record<string, unknown>) => [r.id, r.name, r.email, r.preferredName, r.status, r.loyaltyTier, r.score, r.region])).toEqual([
      [ids.ana, 'Ana Quispe', 'ana@example.com', 'Anita', 'vip', 'gold', 10, null],
      [ids.luis, 'Luis Apaza', 'luis@example.com', 'Lucho', 'active', 'bronze', null, null],
      [ids.rosa, 'Rosa Mamani', 'rosa@example.com', null, 'new', null, null, null],
    ]);
    // What the effective model no longer shows is still stored: the removed field's and the clashing custom field's values.
    expect(await sql('SELECT "legacy_code", "c_region" FROM "contact" ORDER BY "id"')).toEqual([['L-1', 'Sur'], ['L-2', 'Norte'], [null, null]]);
    expect(await sql('SELECT "column_name", "archived_as" FROM "kith_removed_column"')).toEqual([['nickname', 'nickname__renamed_2_0_0']]);

    // The customisations still work: the rule, the required field, the new option.
    expect((await http.post('/api/v1/records/contact', { name: 'No tier', email: 'y@example.com', status: 'vip' })).body).toMatchObject({ code: 'KITH_VALIDATION_RULE_FAILED', field: 'loyaltyTier' });
    expect((await http.post('/api/v1/records/contact', { name: 'No email' })).body).toMatchObject({ code: 'KITH_VALIDATION_FAILED', field: 'email' });
    expect((await http.post('/api/v1/records/contact', { name: 'Nora', email: 'nora@example.com', region: 'north', preferredName: 'Nori', status: 'vip', loyaltyTier: 'silver' })).status).toBe(201);
    // The workflow is intact (still its first version) and still runs.
    expect((await http.get('/api/v1/workflows/gold-means-vip')).body).toMatchObject({ version: 1, enabled: true, source: 'custom' });
    const luis = (await http.get(`/api/v1/records/contact/${ids.luis}`)).body;
    expect((await http.patch(`/api/v1/records/contact/${ids.luis}`, { loyaltyTier: 'gold', version: luis.version })).status).toBe(200);
    await new Worker(app!.jobs).drain();
    expect((await http.get(`/api/v1/records/contact/${ids.luis}`)).body.status).toBe('vip');
  });

  it('exports the client’s package and applies it to a fresh instance: the same effective metadata, and a second apply changes nothing', async () => {
    const exported = await http.get('/api/v1/config/export');
    expect(exported.status).toBe(200);
    const files = exported.body.files;
    // The two conflicting customisations have no effect here, so they do not travel; the export says so.
    expectTheTwoConflicts(exported.body.leftOut);
    expect(Object.values(files as Record<string, string>).join('')).not.toContain('legacyCode');
    const fresh = await database.fresh();
    const other = await createTestApp({ plugins: [salesFixture, contactsV2], databaseUrl: fresh.url });
    try {
      const otherHttp = httpClient(other.server, other.adminHeaders);
      const plan = await otherHttp.post('/api/v1/config/plan', { files });
      expect(plan.status, JSON.stringify(plan.body)).toBe(200);
      const applied = await otherHttp.post('/api/v1/config/apply', { files });
      expect(applied.status, JSON.stringify(applied.body)).toBe(200);
      const effective = async (h: typeof http) => ({
        contact: (await h.get('/api/v1/metadata/entities/contact')).body.fields,
        roles: (await h.get('/api/v1/metadata/roles/agent')).body.grants,
        rules: (await h.get('/api/v1/metadata/entities/contact/rules')).body.data,
        workflows: (await h.get('/api/v1/workflows')).body.data,
      });
      expect(await effective(otherHttp)).toEqual(await effective(http));
      expect((await otherHttp.post('/api/v1/config/apply', { files })).body).toEqual({ applied: 0, changes: [] });
    } finally {
      await other.close();
      await fresh.drop();
    }
  });

  it('a later start changes nothing, and an older version is refused without touching the data', async () => {
    migrationLog.length = 0;
    await boot(contactsV2);
    expect(migrationLog).toEqual([]);
    expect((await http.get('/api/v1/metadata/customisations')).body.conflicts).toHaveLength(2);
    expect((await http.get('/api/v1/plugins/contacts/upgrade-plan')).body).toMatchObject({ action: 'none', from: '2.0.0', to: '2.0.0' });

    await boot(contactsV1);
    const health = (await http.get('/api/v1/health')).body;
    expect(health.plugins.find((p: { name: string }) => p.name === 'contacts')).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_DOWNGRADE', error: expect.stringContaining('1.0.0 is older than the installed 2.0.0') });
    expect(await contactsReport()).toMatchObject({ installedVersion: '2.0.0' });
    expect(await sql('SELECT COUNT(*) FROM "contact" WHERE "preferred_name" IS NOT NULL')).toEqual([[3]]);
  });
});

function expectTheTwoConflicts(conflicts: readonly Conflict[]): void {
  expect(conflicts.map((c) => c.kind).sort()).toEqual(['addField', 'updateField']);
  expect(conflicts.find((c) => c.kind === 'updateField')!.message).toBe(
    'Field "contact.legacyCode" no longer exists on contact, so this field change cannot be applied. Remove the customisation, or map it to the field that replaced it.',
  );
  expect(conflicts.find((c) => c.kind === 'addField')!.message).toBe(
    'The custom field "region" on contact clashes with the field "region" now defined by plugin:contacts. Rename the custom field (its data is kept).',
  );
}

describe('bad plugin definitions and migrations', () => {
  const invalid = {
    id: 'broken-plugin',
    version: '2.0.0',
    migrations: [{ version: 'two', up: async () => undefined }, { version: '3.0.0', up: async () => undefined }, { version: '1.1.0' }, { version: '1.1.0', up: 'no' }],
    routes: [{ method: 'FETCH', path: 'quotes', handler: 'no' }, { method: 'GET', path: '/settings', handler: () => 1 }],
    settings: Type.Object({ apiKey: Type.String() }),
    extensions: [{ entity: 'company', fields: {} }],
    start: 'soon',
  } as unknown as PluginInput;

  it('definePlugin reports every problem at once, each with its path', () => {
    let error: DefinitionError | undefined;
    try {
      definePlugin(invalid);
    } catch (e) {
      error = e as DefinitionError;
    }
    expect(error).toBeInstanceOf(DefinitionError);
    expect(error!.problems.map((p) => p.path)).toEqual([
      'extensions[0].fields',
      'routes[0].method',
      'routes[0].path',
      'routes[0].handler',
      'routes[1].path',
      'migrations[0].version',
      'migrations[1].version',
      'migrations[2]',
      'migrations[3].version',
      'migrations[3].up',
      'settings.apiKey',
      'start',
    ]);
    expect(error!.message).toContain('migrations[1].version: migration 3.0.0 is newer than the plugin\'s version 2.0.0; it would never run');
    expect(error!.message).toContain('routes[1].path: "/settings" is reserved');
    expect(error!.message).toContain('settings.apiKey: has no valid default');
  });

  it('a module whose definition is invalid is reported in health with every problem; the server starts', async () => {
    const app = await createTestApp({ plugins: [salesFixture, () => definePlugin(invalid)] });
    try {
      const health = (await httpClient(app.server).get('/api/v1/health')).body;
      expect(health.status).toBe('degraded');
      expect(health.plugins).toContainEqual(expect.objectContaining({ name: 'broken-plugin', state: 'failed', code: 'KITH_PLUGIN_INVALID' }));
      const listed = ((await httpClient(app.server, app.adminHeaders).get('/api/v1/plugins')).body.data as { id: string; error?: { errors: unknown[] } }[]).find((p) => p.id === 'broken-plugin');
      expect(listed!.error!.errors).toHaveLength(12);
    } finally {
      await app.close();
    }
  });

  it('a declared rename of a field the new version does not define fails the upgrade with a clear error', async () => {
    const person = defineEntity({ name: 'person', fields: { name: { type: 'text' }, nickname: { type: 'text' } } });
    const v1 = definePlugin({ id: 'renamer', version: '1.0.0', entities: [person] });
    const v2 = definePlugin({ id: 'renamer', version: '1.1.0', entities: [person], migrations: [{ version: '1.1.0', renameFields: [{ entity: 'person', from: 'nickname', to: 'alias' }] }] });
    const { url, drop } = await databases[0]!.fresh();
    await (await createTestApp({ plugins: [v1], databaseUrl: url })).close();
    const app = await createTestApp({ plugins: [v2], databaseUrl: url });
    try {
      const plugin = (await httpClient(app.server).get('/api/v1/health')).body.plugins[0];
      expect(plugin).toMatchObject({ state: 'failed', code: 'KITH_PLUGIN_MIGRATION_FAILED' });
      expect(plugin.error).toContain('person.alias is not a field this version of "renamer" defines');
    } finally {
      await app.close();
      await drop();
    }
  });
});
