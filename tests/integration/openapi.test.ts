import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

type Json = Record<string, unknown>;

/** The value at a dot path (`components.schemas.DealRecord`; array items by index). */
function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node;
}

/** The keys of the object at a dot path. */
const keysAt = (value: unknown, path: string): string[] => Object.keys((at(value, path) ?? {}) as Json);

/** Every `$ref` in a document. */
function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

/** Validates with the OpenAPI schema validator and checks every `$ref` resolves; failures print the errors. */
async function expectValid(doc: Json): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(doc);
  expect(result.valid, JSON.stringify(result.errors, null, 2)).toBe(true);
  expect(validator.version).toBe('3.1');
  const dangling = refsOf(doc).filter((ref) => at(doc, ref.replace(/^#\//, '').replaceAll('/', '.')) === undefined);
  expect(dangling, 'unresolved $refs').toEqual([]);
  expect(JSON.stringify(doc)).not.toContain('"$id"');
}

describe.each(databases)('OpenAPI document and /docs on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;
  let anonymous: ReturnType<typeof httpClient>;

  const raw = (url: string) => app.server.inject({ method: 'GET', url });
  const openApi = async (): Promise<Json> => {
    // As the administrator: the full document (what others see is in openapi-per-role.test.ts).
    const res = await http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body as unknown as Json;
  };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    http = httpClient(app.server, app.adminHeaders);
    anonymous = httpClient(app.server);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('is a valid OpenAPI 3.1 document of every entity, with problem responses and bearer auth', async () => {
    expect((await anonymous.get('/api/v1/metadata/entities')).status).toBe(401);
    const doc = await openApi();
    await expectValid(doc);
    expect(doc.openapi).toBe('3.1.0');
    // Workflows, runs, notifications and jobs are described too; the inbound hook needs no token.
    expect(keysAt(doc, 'paths./api/v1/workflows')).toEqual(expect.arrayContaining(['get', 'post']));
    expect(keysAt(doc, 'paths./api/v1/workflows/{id}/test')).toContain('post');
    expect(at(doc, 'paths./api/v1/hooks/workflows/{id}.post.security')).toEqual([]);
    expect(keysAt(doc, 'paths./api/v1/notifications')).toContain('get');
    for (const entity of ['company', 'deal']) {
      const base = `paths./api/v1/records/${entity}`;
      expect(keysAt(doc, base)).toEqual(expect.arrayContaining(['get', 'post']));
      expect(keysAt(doc, `${base}/bulk`)).toContain('post');
      expect(keysAt(doc, `${base}/{id}`)).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
      expect(keysAt(doc, `${base}/{id}/restore`)).toContain('post');
    }
    const list = at(doc, 'paths./api/v1/records/deal.get');
    expect((at(list, 'parameters') as { name: string }[]).map((p) => p.name)).toEqual(['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'count', 'deleted']);
    expect(JSON.parse(String(at(list, 'parameters.0.examples.equals.value')))).toEqual({ stage: 'lead' });
    expect(at(list, 'responses.200.content.application/json.schema.$ref')).toBe('#/components/schemas/DealPage');

    const schemas = at(doc, 'components.schemas');
    expect(at(schemas, 'DealRecord.title')).toBe('Deal');
    expect(at(schemas, 'DealRecord.properties.stage.anyOf.0.enum')).toEqual(['lead', 'proposal', 'won', 'lost']);
    expect(at(schemas, 'DealRecord.properties.stage.title')).toBe('Stage');
    expect(at(schemas, 'DealRecord.properties.company.anyOf.1.$ref')).toBe('#/components/schemas/CompanyRecord');
    expect(at(schemas, 'DealRecord.properties.weighted.readOnly')).toBe(true);
    expect(at(schemas, 'CompanyRecord.properties.deals.items.$ref')).toBe('#/components/schemas/DealRecord');
    expect(at(schemas, 'DealCreate.required')).toEqual(['title']);
    expect(at(schemas, 'DealCreate.properties.stage.enum')).toEqual(['lead', 'proposal', 'won', 'lost']);
    expect(keysAt(schemas, 'DealCreate.properties')).not.toContain('weighted');
    expect(at(schemas, 'DealUpdate.required')).toEqual(['version']);
    expect(at(schemas, 'DealUpdate.properties.version.type')).toBe('integer');
    expect(at(schemas, 'DealPage.required')).toEqual(['data', 'nextCursor']);
    expect(at(schemas, 'Problem.required')).toEqual(['type', 'title', 'status', 'code', 'detail']);

    expect(at(doc, 'paths./api/v1/records/deal/{id}.patch.responses.409.$ref')).toBe('#/components/responses/Conflict');
    expect(at(doc, 'components.responses.Conflict.content.application/problem+json.schema.$ref')).toBe('#/components/schemas/Problem');
    expect(at(doc, 'components.securitySchemes.bearerAuth')).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(at(doc, 'paths./api/v1/health.get.security')).toEqual([]);
    expect(at(doc, 'paths./api/v1/auth/login.post.security')).toEqual([]);
    expect(keysAt(doc, 'paths')).toEqual(expect.arrayContaining(['/api/v1/metadata/entities', '/api/v1/metadata/entities/{entity}/fields/{field}']));
  });

  it('describes the live API: a new field appears at once and the document stays valid', async () => {
    const added = await http.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'select', label: 'Sales region', options: ['north', { value: 'south', label: 'South coast' }] });
    expect(added.status).toBe(201);
    const doc = await openApi();
    await expectValid(doc);
    const schemas = at(doc, 'components.schemas');
    expect(at(schemas, 'DealRecord.properties.region.title')).toBe('Sales region');
    expect(at(schemas, 'DealRecord.properties.region.anyOf.0.enum')).toEqual(['north', 'south']);
    expect(at(schemas, 'DealRecord.properties.region.description')).toContain('`south` (South coast)');
    expect(at(schemas, 'DealCreate.properties.region.enum')).toEqual(['north', 'south']);
    expect(at(schemas, 'DealUpdate.properties.region.anyOf.0.enum')).toEqual(['north', 'south']);
  });

  it('adds the paths and schemas of a custom entity', async () => {
    const created = await http.post('/api/v1/metadata/entities', {
      name: 'visit',
      label: 'Visit',
      fields: [
        { name: 'subject', type: 'text', required: true },
        { name: 'deal', type: 'relation', target: 'deal', inverse: 'visits' },
      ],
    });
    expect(created.status).toBe(201);
    const doc = await openApi();
    await expectValid(doc);
    expect(keysAt(doc, 'paths')).toEqual(expect.arrayContaining(['/api/v1/records/visit', '/api/v1/records/visit/bulk', '/api/v1/records/visit/{id}', '/api/v1/records/visit/{id}/restore']));
    const schemas = at(doc, 'components.schemas');
    expect(at(schemas, 'VisitCreate.required')).toEqual(['subject']);
    expect(at(schemas, 'VisitRecord.properties.deal.anyOf.1.$ref')).toBe('#/components/schemas/DealRecord');
    expect(at(schemas, 'DealRecord.properties.visits.items.$ref')).toBe('#/components/schemas/VisitRecord');
    expect((await app.server.inject({ method: 'GET', url: '/docs/json', headers: app.adminHeaders })).json()).toEqual(doc);
  });

  it.each(['/docs', '/docs/'])('serves %s as HTML whose scripts and styles all come from this server', async (entry) => {
    let url = new URL(entry, 'http://127.0.0.1');
    let page = await raw(url.pathname);
    for (let hops = 0; page.statusCode >= 300 && page.statusCode < 400 && hops < 3; hops++) {
      url = new URL(String(page.headers.location), url);
      page = await raw(url.pathname);
    }
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const resolved = new URL(asset, url);
      expect(resolved.origin, `${asset} is served by this server`).toBe(url.origin);
      const res = await raw(resolved.pathname);
      expect(res.statusCode, resolved.pathname).toBe(200);
      if (asset.endsWith('.js')) expect(res.headers['content-type']).toMatch(/javascript/);
      if (asset.endsWith('.css')) expect(res.headers['content-type']).toMatch(/^text\/css/);
    }
    const initializer = await raw('/docs/static/swagger-initializer.js');
    expect(initializer.body).toContain("resolveUrl('./json')");
    expect(initializer.body).toContain('validatorUrl: null');
  });
});
