import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand, exportCommand, planCommand } from '../../core/src/config-package/package-cli.js';
import { ConfigPackageService } from '../../core/src/config-package/package-service.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();
// Each metadata change runs a schema diff, which takes seconds on a busy PostgreSQL: room for a dozen.
const SCHEMA_CHANGES = 120_000;
type Http = ReturnType<typeof httpClient>;
const grant = { create: 'all', read: 'all', edit: 'all', delete: 'none' } as const;
const support = definePlugin({ id: 'support-lite', version: '0.3.0', requires: { 'sales-fixture': '^1.0.0' }, entities: [defineEntity({ name: 'ticket', fields: { subject: { type: 'text', required: true } } })] });
const triage = { id: 'ticket-triage', label: { en: 'Triage' }, entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'setFields', values: { severity: 'low' } }], enabled: true, version: 1, source: 'custom' } as const;
const packages = (app: TestApp) => new ConfigPackageService({ db: app.db, registry: app.registry, plugins: app.plugins });

describe.each(databases)('customisation packages: bad input, access, --plugin and the CLI on $name', (database) => {
  let a: TestApp;
  let b: TestApp;
  let httpA: Http;
  let httpB: Http;
  const dir = mkdtempSync(join(tmpdir(), 'kith-package-'));
  const storedB = async () => (await httpB.get('/api/v1/metadata/customisations')).body.data.length as number;

  beforeAll(async () => {
    a = await createTestApp({ plugins: [salesFixture, support], databaseUrl: (await database.fresh()).url });
    b = await createTestApp({ plugins: [salesFixture, support], databaseUrl: (await database.fresh()).url });
    httpA = httpClient(a.server, a.adminHeaders);
    httpB = httpClient(b.server, b.adminHeaders);
    await httpA.post('/api/v1/metadata/entities/ticket/fields', { name: 'severity', type: 'select', options: ['low', 'high'] });
    await httpA.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'text' });
    await httpA.post('/api/v1/metadata/entities', { name: 'escalation', fields: [{ name: 'ticket', type: 'relation', target: 'ticket' }, { name: 'note', type: 'text' }] });
    await httpA.post('/api/v1/metadata/roles', { name: 'agent', grants: { ticket: grant, escalation: grant } });
    await httpA.post('/api/v1/metadata/roles', { name: 'manager', grants: { ticket: grant, deal: grant } });
    await a.registry.change({ kind: 'addWorkflow', workflow: triage }, { userId: null });
  }, SCHEMA_CHANGES);
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a hand-edited package with an unknown key or a wrong type: 400 naming the plugin, file and key, nothing applied', async () => {
    const files = (await httpA.get('/api/v1/config/export')).body.files as Record<string, string>;
    const before = await storedB();
    const unknownKey = files['entities/ticket.json']!.replace('"entityId": "ticket",', '"entityId": "ticket",\n    "colour": "red",');
    const wrongType = files['entities/deal.json']!.replace('"type": "text"', '"type": 42');
    const badTrigger = files['workflows/ticket-triage.json']!.replace('"type": "created"', '"type": "onCreate"');
    const badAction = files['workflows/ticket-triage.json']!.replace('"type": "setFields",', '"type": "setFields",\n          "when": "now",');
    for (const [plugin, path, text, key, message] of [
      ['support-lite', 'entities/ticket.json', unknownKey, '[0].colour', /^unknown key; the keys allowed here are "kind", "entityId", "field"$/],
      ['sales-fixture', 'entities/deal.json', wrongType, '[0].field.type', /^expected one of "text", .*; got 42$/],
      ['custom', 'workflows/ticket-triage.json', badTrigger, '[0].workflow.trigger.type', /^expected one of "created", "updated", "deleted", "fieldChanged", "schedule", "relativeTime", "manual", "webhook"; got "onCreate"$/],
      ['custom', 'workflows/ticket-triage.json', badAction, '[0].workflow.actions[0].when', /^unknown key; the keys allowed here are "type", "values"$/],
    ] as const) {
      for (const url of ['/api/v1/config/plan', '/api/v1/config/apply']) {
        const res = await httpB.post(url, { files: { ...files, [path]: text }, ...(url.endsWith('apply') ? { confirmDestructive: true } : {}) });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body.code).toBe('KITH_PACKAGE_INVALID');
        expect(res.body.errors).toEqual([{ plugin, file: path, path: key, field: `${path}: ${key}`, code: 'KITH_PACKAGE_INVALID', message: expect.stringMatching(message) }]);
        expect(res.body.detail).toContain(`${plugin === 'custom' ? 'custom' : `plugin ${plugin}`}, ${path}: ${key}: `);
      }
    }
    expect(await storedB()).toBe(before);
    const notFiles = await httpB.post('/api/v1/config/plan', { files: { 'kith-package.json': 1 } });
    expect(notFiles.body.code).toBe('KITH_BODY_INVALID');
  });

  it('is for administrators only', async () => {
    await httpA.post('/api/v1/users', { email: 'agent@example.com', name: 'Agent', password: 'correct horse battery', roles: ['agent'] });
    const token = (await httpA.post('/api/v1/auth/login', { email: 'agent@example.com', password: 'correct horse battery' })).body.token;
    const agent = httpClient(a.server, { authorization: `Bearer ${token}` });
    for (const res of [await agent.get('/api/v1/config/export'), await agent.post('/api/v1/config/plan', { files: {} }), await agent.post('/api/v1/config/apply', { files: {} })]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('KITH_FORBIDDEN');
    }
    expect((await httpClient(a.server).get('/api/v1/config/export')).status).toBe(401);
  });

  it("exports one plugin's part: its entities, custom entities relating to them, roles granting only on them, their workflows", async () => {
    const part = (await httpA.get('/api/v1/config/export?plugin=support-lite')).body.files;
    expect(Object.keys(part)).toEqual(['kith-package.json', 'entities/escalation.json', 'entities/ticket.json', 'roles/agent.json', 'workflows/ticket-triage.json']);
    expect(JSON.parse(part['kith-package.json'])).toMatchObject({ plugin: 'support-lite', order: ['entities/ticket.json', 'entities/escalation.json', 'roles/agent.json', 'workflows/ticket-triage.json'] });
    const plan = await httpA.post('/api/v1/config/plan', { files: part });
    expect(plan.body).toEqual({ changes: [], onlyInTarget: [], plugins: [] });
    expect((await httpA.get('/api/v1/config/export?plugin=nope')).body.code).toBe('KITH_PLUGIN_NOT_FOUND');
    expect((await httpA.get('/api/v1/config/export?plugins=support-lite')).body).toMatchObject({ status: 400, code: 'KITH_QUERY_INVALID', field: 'plugins' });
  });

  it('round-trips through a folder with the CLI commands: export, plan, apply, apply again', async () => {
    writeFileSync(join(dir, 'README.md'), 'Client X customisations\n');
    expect(await exportCommand(packages(a), dir)).toBe(`wrote 6 customisations in 6 files (and kith-package.json) to ${dir}\n`);
    const first = readFileSync(join(dir, 'entities', 'deal.json'), 'utf8');
    await exportCommand(packages(a), dir);
    expect(readFileSync(join(dir, 'entities', 'deal.json'), 'utf8')).toBe(first);
    expect(await planCommand(packages(b), dir)).toBe(
      [
        '+ add field ticket.severity (select)   (entities/ticket.json[0])',
        '+ add field deal.region (text)   (entities/deal.json[0])',
        '+ add entity escalation (2 fields)   (entities/escalation.json[0])',
        '+ add role agent (grants on escalation, ticket)   (roles/agent.json[0])',
        '+ add role manager (grants on deal, ticket)   (roles/manager.json[0])',
        '+ add workflow ticket-triage (created on ticket, 1 action)   (workflows/ticket-triage.json[0])',
        '',
        '6 changes to apply.',
        '',
      ].join('\n'),
    );
    expect(await applyCommand(packages(b), dir, false)).toMatch(/applied 6 changes\n$/);
    expect(await applyCommand(packages(b), dir, false)).toBe('Nothing to apply: this instance has every customisation of the package.\n');

    await httpB.post('/api/v1/records/deal', { title: 'Big one', stage: 'lead', region: 'north' });
    await httpA.delete('/api/v1/metadata/entities/deal/fields/region?confirm=true');
    await exportCommand(packages(a), dir);
    expect(await planCommand(packages(b), dir)).toContain('! remove field deal.region — 1 row(s) hold a value (the column is archived, not dropped)   (entities/deal.json[1])');
    await expect(applyCommand(packages(b), dir, false)).rejects.toMatchObject({ code: 'KITH_PACKAGE_CONFIRMATION_REQUIRED' });
    expect(await applyCommand(packages(b), dir, true)).toBe('! remove field deal.region\napplied 1 change\n');
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    await expect(planCommand(packages(b), join(dir, 'missing'))).rejects.toMatchObject({ code: 'KITH_PACKAGE_NOT_FOUND' });
  }, SCHEMA_CHANGES);

  it('shows what only the target has, and plugin versions that differ, without touching them', async () => {
    await httpB.patch('/api/v1/metadata/entities/ticket/fields/subject', { label: 'Topic' });
    const plan = await planCommand(packages(b), dir);
    expect(plan).toBe('Nothing to apply: this instance has every customisation of the package.\n\nOnly in this instance (not removed by apply): 1 customisation\n  change field ticket.subject: label\n');
    const manifest = JSON.parse(readFileSync(join(dir, 'kith-package.json'), 'utf8'));
    writeFileSync(join(dir, 'kith-package.json'), JSON.stringify({ ...manifest, plugins: { ...manifest.plugins, 'support-lite': '0.2.0', erp: '1.0.0' } }));
    expect(await planCommand(packages(b), dir)).toMatch(/^\? plugin erp: 1.0.0 in the package, absent here\n\? plugin support-lite: 0.2.0 in the package, 0.3.0 here\n/);
  });
});
