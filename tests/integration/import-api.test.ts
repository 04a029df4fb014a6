import { Worker } from '@kith/core';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, importPlugin, postCsv } from '../fixtures/csv/import-plugin.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';
import { send } from './session-client.js';

/**
 * The import API end to end: modes, dry run, rejected rows as CSV, background jobs with
 * progress, saved mappings, permissions, the audit channel, and the errors a user meets.
 */
const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

const CONTACTS = 'name,email,score\nAna,ana@example.com,5\nBea,bea@example.com,500\nCid,cid@example.com,7\n';

describe.each(databases)('import API on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: ReturnType<typeof httpClient>;
  const users: Record<string, Record<string, string>> = {};
  const post = (url: string, body: string | Buffer, headers: Record<string, string> = app.adminHeaders, type = 'text/csv') => postCsv(app.server, headers, url, body, type);
  const count = async (entity = 'contact') => (await admin.get(`/api/v1/records/${entity}?count=true&limit=1`)).body.total as number;
  // Soft-deleted rows still hold their unique emails, so each test uses the table from scratch.
  const clear = () => app.db.transaction((tx) => tx.run('DELETE FROM "contact"', []));

  async function user(name: string, roles: string[]): Promise<void> {
    const created = await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles });
    expect(created.status).toBe(201);
    const login = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } });
    users[name] = { authorization: `Bearer ${login.body.token}` };
  }

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [importPlugin], databaseUrl: fresh.url, worker: false });
    admin = httpClient(app.server, app.adminHeaders);
    const grant = (extra: Record<string, unknown> = {}) => ({ account: { create: 'none', read: 'all', edit: 'none', delete: 'none' }, contact: { create: 'all', read: 'all', edit: 'own', delete: 'none', ...extra } });
    await admin.post('/api/v1/metadata/roles', { name: 'importer', grants: grant({ fields: { salary: { read: false, edit: false }, budget: { read: true, edit: false } } }) });
    await admin.post('/api/v1/metadata/roles', { name: 'reader', grants: { contact: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } });
    await user('ivy', ['importer']);
    await user('rex', ['reader']);
    await user('nobody', []);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('all or nothing by default: one bad row stores nothing, and the answer names it and links the rejected rows', async () => {
    const res = await post('/api/v1/import/contact', CONTACTS);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatchObject({ code: 'KITH_IMPORT_ROWS_REJECTED', committed: false, summary: { rows: 3, create: 2, reject: 1 } });
    expect(res.body.detail).toMatch(/Nothing was stored: 1 of the 3 contact rows were rejected/);
    expect(res.body.rows[1]).toMatchObject({ row: 3, action: 'reject', errors: [{ column: 'score', field: 'score', code: 'KITH_FIELD_INVALID' }] });
    expect(res.body.rows[0].id).toBeUndefined();
    expect(await count()).toBe(0);
    const csv = await app.server.inject({ method: 'GET', url: res.body.rejectedCsv, headers: app.adminHeaders });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="contact-import-\d{8}-rejected\.csv"$/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('name,email,score,reason');
    expect(lines[1]).toMatch(/^Bea,bea@example\.com,500,Score: .*got 500$/);
  });

  it('keepGood stores the good rows, audits them with channel import, and returns the rejected ones to fix and import again', async () => {
    const res = await post('/api/v1/import/contact?mode=keepGood', CONTACTS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', committed: true, summary: { rows: 3, create: 2, reject: 1 } });
    expect(await count()).toBe(2);
    const history = await admin.get(`/api/v1/records/contact/${res.body.rows[0].id}/history`);
    expect(history.body.data[0]).toMatchObject({ action: 'create', channel: 'import' });
    const rejected = (await app.server.inject({ method: 'GET', url: res.body.rejectedCsv, headers: app.adminHeaders })).body;
    const fixed = rejected.replace(',500,', ',50,');
    const again = await post(`/api/v1/import/contact${q({ mapping: { columns: { reason: null } } })}`, fixed);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.columns.ignored).toEqual([{ column: 'reason', reason: 'mapped to null' }]);
    expect(await count()).toBe(3);
    await clear();
  });

  it('a dry run reports what would happen and keeps nothing, not even an audit entry', async () => {
    await admin.post('/api/v1/records/contact', { name: 'Ana', email: 'ana@example.com', score: 1 });
    const res = await post('/api/v1/import/contact?dryRun=true&match=email&onMatch=update', CONTACTS);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, committed: false, summary: { rows: 3, create: 1, update: 1, reject: 1 } });
    expect(res.body.rows[0]).toEqual({ row: 2, line: 2, action: 'update', reason: expect.stringMatching(/^matches contact \d+ on email$/) });
    expect(await count()).toBe(1);
    const ana = (await admin.get(`/api/v1/records/contact${q({ filter: { email: 'ana@example.com' } })}`)).body.data[0];
    expect(ana).toMatchObject({ score: 1, version: 1 });
    expect((await admin.get(`/api/v1/records/contact/${ana.id}/history`)).body.data).toHaveLength(1);
    await clear();
  });

  it('runs a large file as a background job with progress, and resumes after the batches an earlier attempt committed', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `Person ${i},p${i}@example.com,${i % 100}`);
    const res = await post('/api/v1/import/contact?background=true&mode=keepGood', `name,email,score\n${rows.join('\n')}\n`);
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/import/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ state: 'queued', background: true, progress: { rows: 0 } });
    expect(res.body.progress.totalBytes).toBeGreaterThan(50_000);
    // As if an earlier attempt had committed the first batch and then died.
    const key = `import.job.${res.body.id}`;
    const [p1, p2] = app.db.dialect === 'postgresql' ? ['$1', '$2'] : ['?1', '?2'];
    const head = JSON.parse(String((await app.db.reader.all(`SELECT "value" FROM "kith_state" WHERE "key" = ${p1}`, [key]))[0]![0]));
    const resumed = { ...head, consumed: 1000, summary: { rows: 1000, create: 1000, update: 0, skip: 0, reject: 0 } };
    await app.db.transaction((tx) => tx.run(`UPDATE "kith_state" SET "value" = ${p1} WHERE "key" = ${p2}`, [JSON.stringify(resumed), key]));
    await new Worker(app.jobs, { id: 'test' }).drain();
    const job = await admin.get(`/api/v1/import/jobs/${res.body.id}`);
    expect(job.body).toMatchObject({ state: 'done', committed: true, summary: { rows: 2500, create: 2500 }, progress: { rows: 2500, percent: 100 } });
    expect(await count()).toBe(1500);
    expect((await admin.get(`/api/v1/records/contact${q({ filter: { email: 'p999@example.com' } })}`)).body.data).toHaveLength(0);
    expect((await admin.get(`/api/v1/records/contact${q({ filter: { email: 'p1000@example.com' } })}`)).body.data).toHaveLength(1);
    await clear();
  });

  it('saves mappings for reuse and checks them when saved', async () => {
    const bad = await admin.post('/api/v1/import/mappings', { name: 'x', entity: 'contact', columns: { Mail: 'emial' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'columns.Mail', code: 'KITH_IMPORT_COLUMN_UNKNOWN' });
    const shape = await admin.post('/api/v1/import/mappings', { name: 'x', entity: 'contact', dedupe: { match: ['email'], onMatch: 'merge' } });
    expect(shape.status).toBe(400);
    const saved = await admin.post('/api/v1/import/mappings', { name: 'Spreadsheet contacts', entity: 'contact', columns: { 'E-mail': 'email', Birthday: null }, dateFormat: 'DD/MM/YYYY', dedupe: { match: ['email'], onMatch: 'skip' } });
    expect(saved.status).toBe(201);
    expect((await admin.get('/api/v1/import/mappings?entity=contact')).body.data.map((m: { id: string }) => m.id)).toEqual([saved.body.id]);
    const res = await post(`/api/v1/import/contact?mappingId=${saved.body.id}`, fixture('bom-crlf.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.summary.create).toBe(2);
    expect((await post(`/api/v1/import/contact?mappingId=${saved.body.id}`, fixture('bom-crlf.csv'))).body.summary.skip).toBe(2);
    expect((await send(app.server, 'DELETE', `/api/v1/import/mappings/${saved.body.id}`, { headers: users.ivy })).status).toBe(403);
    expect((await admin.delete(`/api/v1/import/mappings/${saved.body.id}`)).status).toBe(204);
    expect((await post('/api/v1/import/contact?mappingId=nope', 'a\n1\n')).body.code).toBe('KITH_IMPORT_MAPPING_NOT_FOUND');
    await clear();
  });

  it("applies the importer's permissions: no create, no entity, hidden and read-only fields", async () => {
    const reader = await post('/api/v1/import/contact', CONTACTS, users.rex);
    expect(reader.status).toBe(403);
    expect(reader.body.code).toBe('KITH_FORBIDDEN');
    expect((await post('/api/v1/import/contact', CONTACTS, users.nobody)).body.code).toBe('KITH_ENTITY_NOT_FOUND');
    const hidden = await post('/api/v1/import/contact', 'name,email,salary\nAna,ana@example.com,100\n', users.ivy);
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0]).toMatchObject({ field: 'columns.salary', code: 'KITH_IMPORT_COLUMN_UNKNOWN' });
    expect(hidden.body.errors[0].message).not.toMatch(/salary is|Fields: .*salary/);
    const readOnly = await post('/api/v1/import/contact', 'name,email,budget\nAna,ana@example.com,100\n', users.ivy);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toMatchObject({ code: 'KITH_FIELD_FORBIDDEN', field: 'budget' });
    const ok = await post('/api/v1/import/contact', CONTACTS.replace(',500', ',50'), users.ivy);
    expect(ok.status).toBe(200);
    const job = await send(app.server, 'GET', `/api/v1/import/jobs/${ok.body.id}`, { headers: users.rex });
    expect(job.status).toBe(404);
    expect((await admin.get(`/api/v1/import/jobs/${ok.body.id}`)).status).toBe(200);
    await clear();
  });

  it('answers bad requests with errors a person can act on', async () => {
    const json = await post('/api/v1/import/contact', '{"name":"Ana"}', app.adminHeaders, 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.detail).toMatch(/Content-Type: text\/csv/);
    const form = await post('/api/v1/import/contact', 'name\nAna\n', app.adminHeaders, 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    const unknown = await post('/api/v1/import/contact', 'name,e-mail address,colour\nAna,ana@example.com,red\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('KITH_IMPORT_MAPPING_INVALID');
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['columns.e-mail address', 'columns.colour']);
    expect(unknown.body.errors[0].message).toMatch(/Map it to a field, or to null to ignore it/);
    expect((await post('/api/v1/import/contact?mode=sometimes', CONTACTS)).body).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'mode' });
    expect((await post('/api/v1/import/contact?mapping={bad', CONTACTS)).body).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'mapping' });
    expect((await post('/api/v1/import/contact?delimiter=x', CONTACTS)).body).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'delimiter' });
    expect((await post('/api/v1/import/contact?limit=3', CONTACTS)).body).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'limit' });
    expect((await post('/api/v1/import/nothing', CONTACTS)).body.code).toBe('KITH_ENTITY_NOT_FOUND');
    expect((await post('/api/v1/import/contact', '')).body.code).toBe('KITH_IMPORT_EMPTY');
    expect((await post('/api/v1/import/contact', '\r\n\r\n')).body.code).toBe('KITH_IMPORT_EMPTY');
    const big = `name,email\n${'x'.repeat(11 * 1024 * 1024)}\n`;
    const tooBig = await post('/api/v1/import/contact', big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toMatch(/background=true/);
    expect(await count()).toBe(0);
    expect((await admin.get('/api/v1/import/jobs/20990101-000000000000000000000000')).status).toBe(404);
    expect((await admin.get('/api/v1/import/jobs/..%2F..%2Fsecret')).status).toBe(404);
  });
});
