import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, importPlugin, postCsv } from '../fixtures/csv/import-plugin.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';

/**
 * One fixture per quirk a real file brings (tests/fixtures/csv): each is imported over HTTP
 * and the per-row report and the stored records are checked, on SQLite and PostgreSQL.
 */
const databases = await testDatabases();

describe.each(databases)('CSV import quirks on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: ReturnType<typeof httpClient>;
  const accounts: Record<string, number> = {};
  const importCsv = (query: Record<string, unknown>, file: string) => postCsv(app.server, app.adminHeaders, `/api/v1/import/contact${q(query)}`, fixture(file));
  const contact = async (email: string) => (await admin.get(`/api/v1/records/contact${q({ filter: { email } })}`)).body.data[0];

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [importPlugin], databaseUrl: fresh.url, worker: false });
    admin = httpClient(app.server, app.adminHeaders);
    for (const name of ['Acme', 'Globex', 'Globex']) accounts[name] = (await admin.post('/api/v1/records/account', { name })).body.id;
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('reads a byte order mark and CRLF line ends, with columns mapped by name and label', async () => {
    const res = await importCsv({ mapping: { columns: { 'E-mail': 'email' } }, dateFormat: 'DD/MM/YYYY' }, 'bom-crlf.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.summary).toEqual({ rows: 2, create: 2, update: 0, skip: 0, reject: 0 });
    expect(res.body.columns.header).toEqual(['Name', 'E-mail', 'Phone', 'Birthday', 'Score']);
    const ana = await contact('ana@example.com');
    expect(ana).toMatchObject({ name: 'Ana Pérez', phone: '+51912345678', birthday: '1990-12-24', score: 7 });
    expect((await contact('bruno@example.com')).score).toBeNull();
  });

  it('detects a semicolon separator and reads decimal commas once declared', async () => {
    const undeclared = await importCsv({ dryRun: true }, 'semicolon.csv');
    expect(undeclared.status).toBe(200);
    expect(undeclared.body.rows[0].errors[0].message).toMatch(/declare the file's decimal separator|decimal separator/);
    const res = await importCsv({ decimalSeparator: ',' }, 'semicolon.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await contact('carla@example.com')).budget).toBe(1234.5);
    expect((await contact('diego@example.com')).budget).toBe(99.9);
  });

  it('keeps quoted cells that span lines, with separators and quotes inside, and reports rows and lines', async () => {
    const res = await importCsv({}, 'multiline.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: { row: number; line: number }) => [r.row, r.line])).toEqual([[2, 2], [3, 5], [4, 6]]);
    expect((await contact('eva@example.com')).notes).toBe('First line\r\nsecond line, with a comma\r\nand "quotes"');
    expect((await contact('gina@example.com')).name).toBe('Gina\r\nTwo-Lines');
  });

  it('resolves relations by a key field, keeps empty keys empty and reports unknown and ambiguous ones per row', async () => {
    const res = await importCsv({ mapping: { relations: { account: 'name' } }, mode: 'keepGood' }, 'foreign-keys.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byRow = Object.fromEntries(res.body.rows.map((r: { row: number }) => [r.row, r]));
    expect(byRow[2].action).toBe('create');
    expect(byRow[3].action).toBe('create');
    expect(byRow[4]).toMatchObject({ action: 'reject', errors: [{ column: 'account', code: 'KITH_IMPORT_KEY_NOT_FOUND' }] });
    expect(byRow[4].errors[0].message).toContain('"Initech"');
    expect(byRow[5]).toMatchObject({ action: 'reject', errors: [{ code: 'KITH_IMPORT_KEY_AMBIGUOUS' }] });
    expect(byRow[6].action).toBe('create'); // " Acme " is trimmed
    expect((await contact('hugo@example.com')).account).toBe(accounts.Acme);
    expect((await contact('ines@example.com')).account).toBeNull();
    expect(await contact('jon@example.com')).toBeUndefined();
  });

  it('applies dedupe rules to rows already stored and to repeats within the file', async () => {
    await admin.post('/api/v1/records/contact', { name: 'Olga', email: 'olga@example.com', score: 3 });
    const pablo = (await admin.post('/api/v1/records/contact', { name: 'Pablo', email: 'pablo@example.com', score: 1 })).body;
    const skip = await importCsv({ match: 'email', onMatch: 'skip', dryRun: true }, 'duplicates.csv');
    expect(skip.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'skip', 'skip', 'skip']);
    expect(skip.body.rows[1].reason).toBe('same email as row 2 of this file');
    const create = await importCsv({ match: 'email', onMatch: 'create', dryRun: true }, 'duplicates.csv');
    expect(create.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'reject', 'reject', 'reject']);
    expect(create.body.rows[1].errors[0].message).toMatch(/row 2 of this file has the same email/);
    expect(create.body.rows[2].errors[0].code).toBe('KITH_UNIQUE_VIOLATED');
    const update = await importCsv({ match: 'email', onMatch: 'update' }, 'duplicates.csv');
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    expect(update.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'skip', 'update']);
    expect(update.body.rows[2].reason).toMatch(/nothing to change/);
    expect(await contact('mara@example.com')).toMatchObject({ name: 'Mara Again', score: 5, version: 2 });
    expect(await contact('pablo@example.com')).toMatchObject({ id: pablo.id, score: 9, version: 2 });
  });

  it('never guesses an ambiguous date: the format is required and cells that do not match it are rejected', async () => {
    const undeclared = await importCsv({}, 'ambiguous-dates.csv');
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.code).toBe('KITH_IMPORT_DATE_FORMAT_REQUIRED');
    const res = await importCsv({ dateFormat: 'DD/MM/YYYY', mode: 'keepGood' }, 'ambiguous-dates.csv');
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['reject', 'create', 'reject', 'create', 'reject']);
    expect(res.body.rows[0].errors[0].message).toMatch(/"2\/6\/20" does not match the declared date format DD\/MM\/YYYY/);
    expect(res.body.rows[2].errors[0].message).toMatch(/not a day in the calendar/);
    expect((await contact('rosa@example.com')).birthday).toBe('2020-06-02');
    expect((await contact('tere@example.com')).birthday).toBe('2020-06-02');
  });

  it('rejects phone numbers a spreadsheet turned into numbers instead of storing them', async () => {
    const res = await importCsv({ mode: 'keepGood' }, 'mangled-phones.csv');
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['reject', 'reject', 'create', 'reject', 'create']);
    expect(res.body.rows[0].errors[0].message).toMatch(/"-1199" looks like a phone number a spreadsheet turned into a number/);
    expect(res.body.rows[1].errors[0].message).toMatch(/spreadsheet/);
    expect(res.body.rows[3].errors[0].message).toMatch(/no country code/);
    expect((await contact('xena@example.com')).phone).toBe('+4915123456789');
    expect(await contact('vera@example.com')).toBeUndefined();
  });

  it('rejects rows that are not UTF-8 unless the encoding is declared, and rows with broken quoting, naming the problem', async () => {
    const latin = await importCsv({ mode: 'keepGood', dryRun: true }, 'latin1.csv');
    expect(latin.body.rows[0]).toMatchObject({ action: 'reject', errors: [{ code: 'KITH_IMPORT_ROW_UNREADABLE' }] });
    expect(latin.body.rows[0].errors[0].message).toMatch(/not UTF-8/);
    expect(latin.body.rows[1].action).toBe('create');
    const declared = await postCsv(app.server, app.adminHeaders, '/api/v1/import/contact', fixture('latin1.csv'), 'text/csv; charset=windows-1252');
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    expect((await contact('jose@example.com')).name).toBe('José');
    const broken = await importCsv({ mode: 'keepGood', dryRun: true }, 'broken-quotes.csv');
    expect(broken.body.rows[0].action).toBe('create');
    expect(broken.body.rows[1]).toMatchObject({ action: 'reject', errors: [{ code: 'KITH_IMPORT_ROW_UNREADABLE' }] });
  });

  it('refuses a declared separator the header does not use, naming the one it does', async () => {
    const res = await importCsv({ delimiter: ',' }, 'wrong-delimiter.csv');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'KITH_IMPORT_DELIMITER_MISMATCH', field: 'delimiter', detected: ';' });
  });

  it('links order lines to products by code and accounts by name', async () => {
    for (const code of ['P-100', 'P-200']) await admin.post('/api/v1/records/product', { code, price: { amount: 10 } });
    const res = await postCsv(app.server, app.adminHeaders, `/api/v1/import/orderLine${q({ mapping: { relations: { product: 'code', account: 'name' } }, mode: 'keepGood' })}`, fixture('orders-by-code.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'create', 'reject', 'create']);
    expect(res.body.rows[2].errors[0].message).toMatch(/no product has code "P-999"/);
    const lines = (await admin.get('/api/v1/records/orderLine?sort=id')).body.data;
    expect(lines.map((l: { quantity: number; account: number | null }) => [l.quantity, l.account])).toEqual([[2, accounts.Acme], [1, accounts.Acme], [3, null]]);
  });
});
