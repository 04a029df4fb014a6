import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlugin, postCsv } from '../fixtures/csv/import-plugin.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';
import { send } from './session-client.js';

/**
 * Export of list views to CSV and JSON: streamed page by page, the list endpoint's filter,
 * sort and fields, the caller's permissions (rows out of scope and hidden fields never
 * appear), and formula injection neutralised.
 */
const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

describe.each(databases)('export API on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: ReturnType<typeof httpClient>;
  const users: Record<string, { id: number; headers: Record<string, string> }> = {};
  const download = async (url: string, headers: Record<string, string> = app.adminHeaders) => {
    const res = await app.server.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.body, headers: res.headers, json: () => JSON.parse(res.body) };
  };

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [importPlugin], databaseUrl: fresh.url, worker: false });
    admin = httpClient(app.server, app.adminHeaders);
    const role = await admin.post('/api/v1/metadata/roles', { name: 'rep', grants: { contact: { create: 'all', read: 'own', edit: 'own', delete: 'none', fields: { salary: { read: false, edit: false } } } } });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    for (const name of ['uma', 'vic']) {
      const created = await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles: ['rep'] });
      const login = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } });
      users[name] = { id: created.body.id, headers: { authorization: `Bearer ${login.body.token}` } };
    }
    const rows = Array.from({ length: 1200 }, (_, i) => ({ name: `Person ${String(i).padStart(4, '0')}`, email: `p${i}@example.com`, score: i % 100, salary: 1000 + i, owner: i % 2 === 0 ? users.uma!.id : users.vic!.id }));
    for (let i = 0; i < rows.length; i += 500) expect((await admin.post('/api/v1/records/contact/bulk', rows.slice(i, i + 500))).status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('streams every row of a list view as CSV, page after page, with the filter, sort and columns asked for', async () => {
    const res = await download(`/api/v1/export/contact.csv${q({ filter: { score: { $lt: 50 } }, sort: '-name', fields: 'name,score' })}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contact-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,score');
    expect(lines).toHaveLength(601);
    expect(lines[1]).toMatch(/^\d+,Person 1149,49$/);
    expect(lines[600]).toMatch(/^\d+,Person 0000,0$/);
  });

  it('writes JSON with the same query, and an empty list as []', async () => {
    const all = (await download('/api/v1/export/contact.json?sort=name')).json();
    expect(all).toHaveLength(1200);
    expect(all[0]).toMatchObject({ name: 'Person 0000', salary: 1000, version: 1 });
    expect((await download(`/api/v1/export/contact.json${q({ filter: { email: 'nobody@example.com' } })}`)).json()).toEqual([]);
  });

  it('never shows a row outside the caller\u2019s scope or a field hidden from them, in either format', async () => {
    const csv = await download('/api/v1/export/contact.csv?sort=name', users.uma!.headers);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,name,email,phone,birthday,account,score,budget,notes,owner');
    expect(lines).toHaveLength(601);
    expect(lines.slice(1).every((l) => l.endsWith(`,${users.uma!.id}`))).toBe(true);
    expect(csv.body).not.toMatch(/salary|,1000,|,1002,/);
    const json = (await download('/api/v1/export/contact.json', users.vic!.headers)).json();
    expect(json).toHaveLength(600);
    expect(json.every((r: Record<string, unknown>) => !('salary' in r) && r.owner === users.vic!.id)).toBe(true);
    for (const query of [{ fields: 'name,salary' }, { filter: { salary: { $gt: 0 } } }, { sort: 'salary' }]) {
      const res = await download(`/api/v1/export/contact.csv${q(query)}`, users.uma!.headers);
      expect(res.status).toBe(400);
      expect(res.json().detail).toBe('"salary" is not a field of contact. Known fields: name, email, phone, birthday, account, score, budget, notes, owner.');
    }
  });

  it('neutralises cells a spreadsheet would run as formulas, but not signed numbers, and an import reads them back', async () => {
    const tricky = ['=HYPERLINK("http://evil.example","open")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tTabbed'];
    for (const [i, name] of tricky.entries()) await admin.post('/api/v1/records/contact', { name, email: `t${i}@example.com`, budget: -12.5, phone: '+4930123456' });
    const res = await download(`/api/v1/export/contact.csv${q({ filter: { email: { $like: 't%' } }, fields: 'name,budget,phone', sort: 'email' })}`);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(1).join(','))).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""open"")",-12.50,+4930123456`,
      "'+1+1,-12.50,+4930123456",
      "'-2+3,-12.50,+4930123456",
      "'@SUM(A1:A9),-12.50,+4930123456",
      "'\tTabbed,-12.50,+4930123456",
    ]);
    await app.db.transaction((tx) => tx.run(`DELETE FROM "contact" WHERE "email" LIKE 't%'`, []));
    const back = await postCsv(app.server, app.adminHeaders, `/api/v1/import/contact${q({ mapping: { columns: { id: null } } })}`, res.body);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const names = (await admin.get(`/api/v1/records/contact${q({ filter: { email: null }, sort: 'id', fields: 'name,budget' })}`)).body.data;
    expect(names.map((r: { name: string }) => r.name)).toEqual(tricky);
    expect(names.every((r: { budget: number }) => r.budget === -12.5)).toBe(true);
  });

  it('refuses what it cannot do, and treats injection attempts in filters as data', async () => {
    expect((await download('/api/v1/export/contact.xml')).json()).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'format' });
    expect((await download('/api/v1/export/contact.csv?limit=10')).json()).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'limit' });
    expect((await download('/api/v1/export/contact.json?delimiter=%3B')).json()).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'delimiter' });
    expect((await download('/api/v1/export/nothing.csv')).json().code).toBe('KITH_ENTITY_NOT_FOUND');
    expect((await download('/api/v1/export/contact.csv', {})).json().code).toBe('KITH_AUTH_REQUIRED');
    const like = await download(`/api/v1/export/contact.csv${q({ filter: { name: { $like: "%' OR 1=1 --" } } })}`);
    expect(like.body.trimEnd().split('\r\n')).toEqual(['id,name,email,phone,birthday,account,score,budget,notes,salary,owner']);
    const field = await download(`/api/v1/export/contact.csv${q({ filter: { 'name" = name OR "1': 1 } })}`);
    expect(field.status).toBe(400);
    expect(field.json().code).toBe('KITH_FILTER_INVALID');
    expect((await download('/api/v1/export/contact.csv?sort=name;DROP TABLE contact')).json().code).toBe('KITH_SORT_INVALID');
    expect((await download('/api/v1/export/contact.csv?filter={bad')).json().code).toBe('KITH_FILTER_INVALID');
  });

  it('writes the separator and byte order mark Excel needs when asked', async () => {
    const res = await download(`/api/v1/export/contact.csv${q({ delimiter: ';', bom: 'true', fields: 'name,score', filter: { email: 'p1@example.com' } })}`);
    expect(res.body).toMatch(/^\ufeffid;name;score\r\n\d+;Person 0001;1\r\n$/);
  });
});
