import { fileURLToPath } from 'node:url';
import { createTestApp, type TestApp } from '@kith/core/testing';
import demoCompany, { demoUsers } from '@kith/example-demo-company';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand, planCommand } from '../../core/src/config-package/package-cli.js';
import { readPackageFolder } from '../../core/src/config-package/package-folder.js';
import { ConfigPackageService } from '../../core/src/config-package/package-service.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

// The consultant's package of examples/client-acme, applied to a fresh demo company as its
// README says: the plan it shows, the metadata it gives, and nothing more on a second apply.
const databases = await testDatabases();
const PACKAGE = fileURLToPath(new URL('../../examples/client-acme/package', import.meta.url));
const SCHEMA_CHANGES = 120_000;
type Field = { name: string; type: string; label: Record<string, string>; options?: { value: string }[]; target?: string };

describe.each(databases)('the Acme Andina package (examples/client-acme) on a fresh demo company on $name', (database) => {
  let app: TestApp;
  let http: ReturnType<typeof httpClient>;
  let packages: ConfigPackageService;
  const fields = async (entity: string): Promise<Field[]> => (await http.get(`/api/v1/metadata/entities/${entity}`)).body.fields;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [demoCompany], seed: true, initialUsers: demoUsers, databaseUrl: (await database.fresh()).url });
    http = httpClient(app.server, app.adminHeaders);
    packages = new ConfigPackageService({ db: app.db, registry: app.registry, plugins: app.plugins });
  }, SCHEMA_CHANGES);
  afterAll(() => app.close());

  it('plans every customisation of the package, none destructive (the plan the README shows)', async () => {
    expect(await planCommand(packages, PACKAGE)).toBe(
      [
        '+ add field company.taxId (text)   (entities/company.json[0])',
        '+ add field company.salesRegion (select)   (entities/company.json[1])',
        '~ change field deal.stage: add options on-hold   (entities/deal.json[0])',
        '+ add field deal.lossCategory (select)   (entities/deal.json[1])',
        '~ change field deal.source: label   (entities/deal.json[2])',
        '+ add entity siteVisit (6 fields)   (entities/siteVisit.json[0])',
        '+ add index on deal (lossCategory)   (entities/deal.json[3])',
        '+ add rule deal.lostNeedsCategory   (rules/deal.json[0])',
        '+ add role field-engineer (grants on company, deal, siteVisit)   (roles/field-engineer.json[0])',
        '~ change role sales-rep: grant siteVisit   (roles/sales-rep.json[0])',
        '+ add workflow won-deal-site-visit (fieldChanged on deal, 1 action)   (workflows/won-deal-site-visit.json[0])',
        '',
        '11 changes to apply.',
        '',
      ].join('\n'),
    );
  });

  it("applies it: the demo company gets Acme's fields, options, entity, rule, roles and workflow", async () => {
    expect(await applyCommand(packages, PACKAGE, false)).toMatch(/\napplied 11 changes\n$/);
    const company = await fields('company');
    expect(company.find((f) => f.name === 'taxId')).toMatchObject({ type: 'text', label: { en: 'Tax ID (RUC)', es: 'RUC' }, maxLength: 13 });
    expect(company.find((f) => f.name === 'salesRegion')!.options!.map((o) => o.value)).toEqual(['north', 'centre', 'south', 'ecuador']);
    const deal = await fields('deal');
    expect(deal.find((f) => f.name === 'stage')!.options!.map((o) => o.value)).toContain('on-hold');
    expect(deal.find((f) => f.name === 'source')!.label).toEqual({ en: 'Lead source', es: 'Origen' });
    expect((await http.get('/api/v1/metadata/entities/siteVisit')).body).toMatchObject({ label: { en: 'Site visit', es: 'Visita técnica' }, titleField: 'subject', inverses: [] });
    expect((await fields('siteVisit')).map((f) => f.name)).toEqual(['subject', 'company', 'deal', 'visitedAt', 'outcome', 'notes']);
    expect((await http.get('/api/v1/metadata/roles/field-engineer')).body.grants.siteVisit).toEqual({ create: 'all', read: 'all', edit: 'own', delete: 'own' });
    expect((await http.get('/api/v1/metadata/roles/sales-rep')).body.grants).toHaveProperty('siteVisit');
    expect(app.registry.model.workflows.get('won-deal-site-visit')).toMatchObject({ entity: 'deal', enabled: true, source: 'custom' });
    expect((await http.get('/api/v1/metadata/customisations')).body.conflicts).toEqual([]);

    // It works on the demo's data: a visit to a seeded company, and the rule on a lost deal.
    const someCompany = (await http.get(`/api/v1/records/company${q({ limit: '1' })}`)).body.data[0];
    expect((await http.post('/api/v1/records/siteVisit', { subject: 'Pump audit', company: someCompany.id, outcome: 'positive' })).status).toBe(201);
    const lost = await http.post('/api/v1/records/deal', { title: 'Lost to a rival', stage: 'lost' });
    expect(lost.status).toBe(400);
    expect(lost.body.errors[0]).toMatchObject({ rule: 'lostNeedsCategory', field: 'lossCategory' });
  }, SCHEMA_CHANGES);

  it('changes nothing on a second apply, and exports the package byte for byte', async () => {
    const revision = app.registry.model.revision;
    expect(await applyCommand(packages, PACKAGE, false)).toBe('Nothing to apply: this instance has every customisation of the package.\n');
    expect(app.registry.model.revision).toBe(revision);
    expect(packages.export()).toEqual(await readPackageFolder(PACKAGE));
  });
});
