import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { signIn, type Session } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

type Json = Record<string, unknown>;

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

/** Valid OpenAPI 3.1, and every `$ref` resolves inside the document. */
async function expectValid(doc: Json): Promise<void> {
  const result = await new Validator().validate(doc);
  expect(result.valid, JSON.stringify(result.errors, null, 2)).toBe(true);
  const schemas = ((doc.components as Json).schemas ?? {}) as Json;
  const responses = ((doc.components as Json).responses ?? {}) as Json;
  const dangling = refsOf(doc).filter((ref) => {
    const [, kind, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? [];
    return kind === 'schemas' ? !(name! in schemas) : kind === 'responses' ? !(name! in responses) : true;
  });
  expect(dangling, 'unresolved $refs').toEqual([]);
}

const paths = (doc: Json) => Object.keys(doc.paths as Json);
const schema = (doc: Json, name: string) => ((doc.components as Json).schemas as Record<string, Json>)[name];
const properties = (doc: Json, name: string) => Object.keys((schema(doc, name)?.properties ?? {}) as Json);

describe.each(databases)('OpenAPI per role on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let rep: Session;

  const get = async (url: string, headers: Record<string, string> = {}): Promise<{ status: number; doc: Json }> => {
    const res = await app.server.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, doc: res.json() as Json };
  };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    const admin = httpClient(app.server, app.adminHeaders);
    const role = { name: 'sales-rep', grants: { deal: { create: 'own', read: 'team', edit: 'own', delete: 'none', fields: { probability: { read: false, edit: false } } } } };
    expect((await admin.post('/api/v1/metadata/roles', role)).status).toBe(201);
    for (const name of ['rep', 'rep2']) expect((await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles: ['sales-rep'] })).status).toBe(201);
    rep = await signIn(app.server, 'rep@example.com', PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('anonymous: health and sign-in only, and a note to sign in', async () => {
    const { status, doc } = await get('/openapi.json');
    expect(status).toBe(200);
    await expectValid(doc);
    expect(paths(doc).filter((p) => p.startsWith('/api/v1/records'))).toEqual([]);
    expect(paths(doc)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/auth/login']));
    expect(paths(doc)).not.toContain('/api/v1/metadata/entities');
    expect(schema(doc, 'DealRecord')).toBeUndefined();
    expect(String((doc.info as Json).description)).toContain('You are not signed in');
    expect((await get('/docs/json')).doc).toEqual(doc);
    // A stale session cookie reads as signed out (the docs page keeps working); a bad bearer token is a 401.
    expect((await get('/docs/json', { cookie: 'kith_session=kith_ses_stale' })).doc).toEqual(doc);
    expect((await get('/openapi.json', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it("a rep: deal without the hidden field, not the entity the rep cannot read; the same by bearer token or the docs page's cookie", async () => {
    const { status, doc } = await get('/openapi.json', { authorization: `Bearer ${rep.token}` });
    expect(status).toBe(200);
    await expectValid(doc);
    expect(paths(doc)).toEqual(expect.arrayContaining(['/api/v1/records/deal', '/api/v1/records/deal/{id}', '/api/v1/access/explain', '/api/v1/metadata/entities']));
    expect(paths(doc).filter((p) => p.startsWith('/api/v1/records/company'))).toEqual([]);
    expect(schema(doc, 'CompanyRecord')).toBeUndefined();
    expect(properties(doc, 'DealRecord')).toContain('title');
    expect(properties(doc, 'DealRecord')).not.toContain('probability');
    expect(properties(doc, 'DealCreate')).not.toContain('probability');
    expect(JSON.stringify(schema(doc, 'DealRecord'))).not.toContain('CompanyRecord');
    expect(String((doc.info as Json).description)).toContain('for your roles');
    expect((await get('/docs/json', { cookie: rep.cookie })).doc).toEqual(doc);
    expect((await get('/openapi.json', { cookie: rep.cookie })).doc).toEqual(doc);
    const rep2 = await signIn(app.server, 'rep2@example.com', PASSWORD);
    expect((await get('/openapi.json', { authorization: `Bearer ${rep2.token}` })).doc).toEqual(doc);
  });

  it('an administrator: every entity and field', async () => {
    const { doc } = await get('/openapi.json', app.adminHeaders);
    await expectValid(doc);
    expect(paths(doc)).toEqual(expect.arrayContaining(['/api/v1/records/deal', '/api/v1/records/company', '/api/v1/access/explain']));
    expect(properties(doc, 'DealRecord')).toContain('probability');
    expect(properties(doc, 'CompanyRecord')).toContain('deals');
    expect(String((doc.info as Json).description)).not.toMatch(/for your roles|not signed in/);
  });

  it('follows role and metadata changes at once', async () => {
    const admin = httpClient(app.server, app.adminHeaders);
    const grants = { deal: { create: 'own', read: 'team', edit: 'own', delete: 'none', fields: { probability: { read: false, edit: false }, tags: { read: false, edit: false } } }, company: { create: 'none', read: 'all', edit: 'none', delete: 'none' } };
    expect((await admin.patch('/api/v1/metadata/roles/sales-rep', { grants })).status).toBe(200);
    expect((await admin.post('/api/v1/metadata/entities/deal/fields', { name: 'region', type: 'text' })).status).toBe(201);
    const { doc } = await get('/openapi.json', { authorization: `Bearer ${rep.token}` });
    await expectValid(doc);
    expect(paths(doc)).toContain('/api/v1/records/company');
    expect(properties(doc, 'DealRecord')).toEqual(expect.arrayContaining(['region', 'company']));
    expect(properties(doc, 'DealRecord')).not.toContain('tags');
    expect(JSON.stringify(schema(doc, 'DealRecord'))).toContain('#/components/schemas/CompanyRecord');
    expect(properties(doc, 'CompanyRecord')).toContain('deals');
  });
});
