import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportCommand, importCommand } from '../../core/src/data-io/data-io-cli.js';
import { fixture, importPlugin } from '../fixtures/csv/import-plugin.js';

/** `kith import` and `kith export` as functions of a booted app (cli.ts only boots and registers them). */
describe('kith import / kith export', () => {
  let app: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'kith-cli-'));
  const out: string[] = [];
  const base = { mode: 'keepGood', dryRun: false };

  beforeAll(async () => {
    app = await createTestApp({ plugins: [importPlugin], worker: false });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.close();
  });

  it('imports a file as it reads it, prints a summary and writes the rejected rows beside it', async () => {
    const file = join(dir, 'phones.csv');
    writeFileSync(file, fixture('mangled-phones.csv'));
    expect(await importCommand(app, 'contact', file, { ...base, dryRun: true })).toBe(2);
    expect(out.join('')).toMatch(/5 rows in .*: 2 would be created, 0 would be updated, 0 would be skipped, 3 rejected/);
    out.length = 0;
    expect(await importCommand(app, 'contact', file, { ...base, mode: 'allOrNothing' })).toBe(1);
    expect(out.join('')).toMatch(/Nothing was stored/);
    expect(await importCommand(app, 'contact', file, base)).toBe(2);
    const rejected = readFileSync(join(dir, 'phones.rejected.csv'), 'utf8').split('\r\n');
    expect(rejected[0]).toBe('name,email,phone,reason');
    expect(rejected[1]).toMatch(/^Vera,vera@example\.com,-1199,"phone: ""-1199"" looks like a phone number/);
    const history = await app.server.inject({ method: 'GET', url: '/api/v1/records/contact?filter={"email":"xena@example.com"}', headers: app.adminHeaders });
    const id = history.json().data[0].id;
    const entries = await app.server.inject({ method: 'GET', url: `/api/v1/records/contact/${id}/history`, headers: app.adminHeaders });
    expect(entries.json().data[0]).toMatchObject({ channel: 'import', userId: null });
  });

  it('refuses a date column without a format, and an unknown user for --as', async () => {
    const file = join(dir, 'dates.csv');
    writeFileSync(file, fixture('ambiguous-dates.csv'));
    await expect(importCommand(app, 'contact', file, base)).rejects.toMatchObject({ code: 'KITH_IMPORT_DATE_FORMAT_REQUIRED' });
    await expect(importCommand(app, 'contact', file, { ...base, as: 'nobody@example.com' })).rejects.toMatchObject({ code: 'KITH_USER_NOT_FOUND' });
  });

  it('exports to a file', async () => {
    const file = join(dir, 'out.csv');
    await exportCommand(app, 'contact', { format: 'csv', fields: 'name,phone', sort: 'name', bom: false, out: file, delimiter: ';' });
    expect(readFileSync(file, 'utf8')).toMatch(/^id;name;phone\r\n\d+;Xena;\+4915123456789\r\n\d+;Zoe;\r\n$/);
  });
});
