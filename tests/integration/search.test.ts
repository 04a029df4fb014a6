import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { crmPlugin, REP_ROLE, signedInUser } from './reports-fixture.js';

/** Global search: kept current on write, ranked, and scoped to what each caller may read — inside the query. */
const databases = await testDatabases();
type Http = ReturnType<typeof httpClient>;
type Hit = { entity: string; id: number; title: string | null; score: number; fields: string[] };

describe.each(databases)('search on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Http;
  let rep: { id: number; http: Http };
  const ids: Record<string, number> = {};

  const search = async (http: Http, query: string): Promise<Hit[]> => {
    const res = await http.get(`/api/v1/search?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };
  const found = (hits: Hit[]) => hits.map((h) => `${h.entity}:${h.id}`).sort();
  const key = (entity: string, name: string) => `${entity}:${ids[name]}`;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [crmPlugin], databaseUrl: fresh.url });
    admin = httpClient(app.server, app.adminHeaders);
    expect((await admin.post('/api/v1/metadata/roles', REP_ROLE)).status).toBe(201);
    rep = await signedInUser(app, admin, 'rep', ['rep']);
    const other = await signedInUser(app, admin, 'other', ['rep']);
    const company = async (name: string, body: object) => (ids[name] = (await admin.post('/api/v1/records/company', { name, ...body })).body.id);
    await company('Acme Énergie', { country: 'PE', secret: 'zebra crossing' });
    await company('Acme Retail', { country: 'CL' });
    await company('Globex', { country: 'PE' });
    ids.jose = (await admin.post('/api/v1/records/contact', { name: { first: 'José', last: 'García' }, email: 'jose.garcia@acme.example', company: ids['Acme Énergie'] })).body.id;
    ids.ana = (await admin.post('/api/v1/records/contact', { name: { first: 'Ana', last: 'Lima' }, email: 'ana@globex.example', city: 'Arequipa' })).body.id;
    const deal = async (name: string, owner: number) => (ids[name] = (await admin.post('/api/v1/records/deal', { title: name, owner })).body.id);
    await deal('Acme pumps', rep.id);
    await deal('Acme valves', other.id);
    await deal('Globex turbines', rep.id);
    ids.call = (await admin.post('/api/v1/records/activity', { subject: 'Call José about pumps', contact: ids.jose })).body.id;
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('finds records by word prefixes, accents and case folded, across entities', async () => {
    // José's email is at acme.example: its words count too.
    expect(found(await search(admin, 'q=acme'))).toEqual([key('company', 'Acme Énergie'), key('company', 'Acme Retail'), key('contact', 'jose'), key('deal', 'Acme pumps'), key('deal', 'Acme valves')].sort());
    const jose = await search(admin, `q=${encodeURIComponent('JOSE garc')}`);
    expect(jose.map((h) => [h.entity, h.id, h.title, h.fields])).toEqual([['contact', ids.jose, 'José García', ['email', 'name']]]);
    expect(found(await search(admin, 'q=energ'))).toEqual([key('company', 'Acme Énergie')]);
    // An email is words too: its parts are found by prefix.
    expect(found(await search(admin, 'q=garcia%20example'))).toEqual([key('contact', 'jose')]);
  });

  it('ranks the better match first', async () => {
    const strong = (await admin.post('/api/v1/records/deal', { title: 'Sprockets sprockets sprockets' })).body.id;
    const weak = (await admin.post('/api/v1/records/deal', { title: 'A long order of many different parts including sprockets among other things' })).body.id;
    const hits = await search(admin, 'q=sprockets');
    expect(hits.map((h) => h.id)).toEqual([strong, weak]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('is kept current by every write: create, bulk create, update, delete and restore', async () => {
    const id = (await admin.post('/api/v1/records/deal', { title: 'Zeppelin spare parts' })).body.id;
    expect(found(await search(admin, 'q=zeppelin'))).toEqual([`deal:${id}`]);
    const bulk = await admin.post('/api/v1/records/deal/bulk', [{ title: 'Quasar one' }, { title: 'Quasar two' }]);
    expect(found(await search(admin, 'q=quasar'))).toEqual(bulk.body.data.map((d: { id: number }) => `deal:${d.id}`).sort());
    expect((await admin.patch(`/api/v1/records/deal/${id}`, { version: 1, title: 'Airship spare parts' })).status).toBe(200);
    expect(await search(admin, 'q=zeppelin')).toEqual([]);
    expect(found(await search(admin, 'q=airship'))).toEqual([`deal:${id}`]);
    // A change to a field that is not searchable leaves the index alone, and the record findable.
    expect((await admin.patch(`/api/v1/records/deal/${id}`, { version: 2, probability: 5 })).status).toBe(200);
    expect(found(await search(admin, 'q=airship'))).toEqual([`deal:${id}`]);
    expect((await admin.delete(`/api/v1/records/deal/${id}`)).status).toBe(204);
    expect(await search(admin, 'q=airship')).toEqual([]);
    expect((await admin.post(`/api/v1/records/deal/${id}/restore`)).status).toBe(200);
    expect(found(await search(admin, 'q=airship'))).toEqual([`deal:${id}`]);
  });

  it('a restricted role finds only records it may read, and never through a field it may not read', async () => {
    // Own deals only; companies in Peru only.
    expect(found(await search(rep.http, 'q=acme'))).toEqual([key('company', 'Acme Énergie'), key('deal', 'Acme pumps')].sort());
    // The company's secret is searchable, but hidden from the rep: no match through it (the admin finds it).
    expect(found(await search(admin, 'q=zebra'))).toEqual([key('company', 'Acme Énergie')]);
    expect(await search(rep.http, 'q=zebra')).toEqual([]);
    // The contact's email is hidden from the rep; her name is not.
    expect(found(await search(admin, 'q=globex'))).toEqual([key('company', 'Globex'), key('contact', 'ana'), key('deal', 'Globex turbines')].sort());
    expect(found(await search(rep.http, 'q=globex'))).toEqual([key('company', 'Globex'), key('deal', 'Globex turbines')].sort());
    expect(found(await search(rep.http, 'q=ana'))).toEqual([key('contact', 'ana')]);
    // Activities are out of the rep's reach altogether.
    expect(found(await search(admin, 'q=call'))).toEqual([key('activity', 'call')]);
    expect(await search(rep.http, 'q=call')).toEqual([]);
    const asked = await rep.http.get('/api/v1/search?q=call&entities=activity');
    expect(asked.status).toBe(400);
    expect(asked.body.code).toBe('KITH_SEARCH_ENTITY_INVALID');
    expect(asked.body.detail).not.toContain('activity is');
    expect((await search(rep.http, 'q=acme')).every((h) => h.title !== null)).toBe(true);
  });

  it('narrows to some entities and caps the answer at limit', async () => {
    expect(found(await search(admin, 'q=acme&entities=company'))).toEqual([key('company', 'Acme Énergie'), key('company', 'Acme Retail')].sort());
    expect(found(await search(admin, 'q=acme&entities=company,deal'))).toHaveLength(4);
    expect(found(await search(admin, 'q=acme'))).toHaveLength(5);
    expect(await search(admin, 'q=acme&limit=1')).toHaveLength(1);
  });

  it('indexes a field made searchable later (and metadata changes still sync the schema with the index tables there)', async () => {
    expect(await search(admin, 'q=arequipa')).toEqual([]);
    const on = await admin.patch('/api/v1/metadata/entities/contact/fields/city', { searchable: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    await app.search.idle();
    expect(found(await search(admin, 'q=arequipa'))).toEqual([key('contact', 'ana')]);
    const added = await admin.post('/api/v1/metadata/entities/contact/fields', { name: 'nickname', type: 'text', searchable: true });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const off = await admin.patch('/api/v1/metadata/entities/contact/fields/city', { searchable: false });
    expect(off.status).toBe(200);
    await app.search.idle();
    expect(await search(admin, 'q=arequipa')).toEqual([]);
    expect(found(await search(admin, 'q=garcia'))).toEqual([key('contact', 'jose')]);
  });

  it('rebuilds the index from the stored records (kith search reindex)', async () => {
    await app.db.transaction(async (tx) => {
      if (tx.dialect === 'postgresql') await tx.run('DELETE FROM "kith_search"', []);
      else {
        await tx.run(`INSERT INTO "kith_search" ("kith_search") VALUES ('delete-all')`, []);
        await tx.run('DELETE FROM "kith_search_doc"', []);
      }
    });
    expect(await search(admin, 'q=acme')).toEqual([]);
    const done = await app.search.reindex(app.registry.model);
    expect(done.map((d) => d.entity).sort()).toEqual(['activity', 'company', 'contact', 'deal']);
    expect(done.find((d) => d.entity === 'company')!.records).toBe(3);
    expect(found(await search(admin, 'q=acme'))).toHaveLength(5);
  });

  it.each([
    ['no q', '', 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['a q with no word in it', `q=${encodeURIComponent('!!! -- ***')}`, 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['a lone quote', `q=${encodeURIComponent('"')}`, 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['a backslash', `q=${encodeURIComponent('\\')}`, 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['LIKE wildcards', `q=${encodeURIComponent('%_%')}`, 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['a q that is too long', `q=${'a'.repeat(201)}`, 'KITH_SEARCH_QUERY_INVALID', 'q'],
    ['limit 0', 'q=acme&limit=0', 'KITH_QUERY_INVALID', 'limit'],
    ['a huge limit', 'q=acme&limit=100000', 'KITH_QUERY_INVALID', 'limit'],
    ['a limit that is not a number', 'q=acme&limit=1%3B%20DROP%20TABLE%20deal', 'KITH_QUERY_INVALID', 'limit'],
    ['an unknown entity', 'q=acme&entities=deal,nope', 'KITH_SEARCH_ENTITY_INVALID', 'entities'],
    ['an unknown parameter', 'q=acme&sort=score', 'KITH_QUERY_INVALID', 'sort'],
    ['q sent twice', 'q=acme&q=globex', 'KITH_QUERY_INVALID', 'q'],
  ])('refuses %s, naming the parameter', async (_what, query, code, field) => {
    const res = await admin.get(`/api/v1/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
  });

  it.each([
    'acme" OR "1',
    'acme*',
    'NEAR(acme retail)',
    'acme:* | !x',
    "'; DROP TABLE deal; --",
    '{name}: acme',
    '^acme',
    'acme AND NOT retail',
    'name:acme',
  ])('treats search text as words, never as query syntax: %s', async (text) => {
    const res = await admin.get(`/api/v1/search?q=${encodeURIComponent(text)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
  });

  it('needs a signed-in caller', async () => {
    expect((await httpClient(app.server).get('/api/v1/search?q=acme')).status).toBe(401);
  });
});
