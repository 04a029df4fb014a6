import { createRequire } from 'node:module';
import { createApp } from '@kith/core';
import { ADMIN } from './admin.mjs';
import { openSqlite } from './libsql.mjs';
import { benchPlugin } from './plugin.mjs';

// csv-parse is a dependency of @kith/core, not of the workspace root: resolve it from core.
const { parse } = createRequire(new URL('../../core/package.json', import.meta.url))('csv-parse');

/** `n` rows of `big` (name, score, note) as a CSV file's text: what a spreadsheet export looks like. */
export function bigCsv(n) {
  const lines = ['name,score,note'];
  for (let i = 1; i <= n; i++) lines.push(`Row ${i},${i % 1000},bench`);
  return `${lines.join('\r\n')}\r\n`;
}

/** An app on `databaseUrl` (bench plugin, first admin) and a bearer token for it, through the real sign-in route. */
async function openKith(databaseUrl) {
  const app = await createApp({ databaseUrl, plugins: [benchPlugin], logger: false, metadataPollMs: 0, worker: false, firstAdmin: ADMIN });
  const login = await app.server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ADMIN.email, password: ADMIN.password } });
  return { app, authorization: `Bearer ${login.json().token}` };
}

/**
 * One import through Kith's HTTP API (`POST /api/v1/import/big`, fastify.inject: routing, auth,
 * body, CSV parsing, the record service with validation, audit and the per-row report), timed
 * from request to answer, on a fresh database.
 */
export async function kithImport(databaseUrl, csv, query) {
  const { app, authorization } = await openKith(databaseUrl);
  try {
    const started = performance.now();
    const res = await app.server.inject({ method: 'POST', url: `/api/v1/import/big?${query}`, headers: { authorization, 'content-type': 'text/csv' }, payload: csv });
    const seconds = (performance.now() - started) / 1000;
    const body = res.json();
    if (res.statusCode !== 200) throw new Error(`import answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    const stored = (await app.records.list('big', { limit: 1, count: true }, { userId: null, channel: 'api', isAdmin: true })).total;
    return { rows: body.summary.rows, created: body.summary.create, stored, seconds, perSecond: body.summary.rows / seconds };
  } finally {
    await app.close();
  }
}

/** The same rows as objects through `app.records.bulkCreate` (1,000 per call, one transaction each): the record service without CSV or import. */
export async function kithBulk(databaseUrl, n) {
  const { app } = await openKith(databaseUrl);
  try {
    const actor = { userId: null, channel: 'import', isAdmin: true };
    const started = performance.now();
    for (let start = 1; start <= n; start += 1000) {
      const rows = [];
      for (let i = start; i < start + 1000 && i <= n; i++) rows.push({ name: `Row ${i}`, score: i % 1000, note: 'bench' });
      await app.records.bulkCreate('big', rows, actor);
    }
    const seconds = (performance.now() - started) / 1000;
    return { rows: n, seconds, perSecond: n / seconds };
  } finally {
    await app.close();
  }
}

/**
 * The raw baseline: the same CSV parsed by the same parser (csv-parse) and inserted through the
 * bare libsql driver into the same table Kith made (same columns, system columns included), a
 * prepared INSERT per row in transactions of 1,000 rows, WAL and synchronous=FULL as Kith runs.
 * No validation, no audit, no report.
 */
export async function rawImport(databaseUrl, file, csv) {
  const { app } = await openKith(databaseUrl); // creates the table exactly as Kith does
  await app.close();
  const db = openSqlite(file);
  try {
    const insert = db.prepare('INSERT INTO "big" ("version", "created_at", "updated_at", "created_by", "updated_by", "name", "score", "note") VALUES (1, ?, ?, NULL, NULL, ?, ?, ?)');
    const started = performance.now();
    const now = new Date().toISOString();
    let rows = 0;
    let inTx = 0;
    let header = true;
    for await (const record of parse(csv, { bom: true })) {
      if (header) {
        header = false;
        continue;
      }
      if (inTx === 0) db.exec('BEGIN IMMEDIATE');
      insert.run([now, now, record[0], Number(record[1]), record[2]]);
      rows += 1;
      if (++inTx === 1000) {
        db.exec('COMMIT');
        inTx = 0;
      }
    }
    if (inTx > 0) db.exec('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    const stored = db.prepare('SELECT COUNT(*) FROM "big"').raw(true).get()[0];
    return { rows, stored, seconds, perSecond: rows / seconds };
  } finally {
    db.close();
  }
}
