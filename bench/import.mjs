// `pnpm bench:import` (also the last part of `pnpm bench`): CSV import rate on SQLite for a simple
// entity with validation on, through Kith's import API, against the same rows parsed by the same
// parser and inserted through the bare libsql driver in the same run. A benchmark: it prints
// figures and the target, it never fails on one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { bigCsv, kithBulk, kithImport, rawImport } from './lib/import-rate.mjs';

const ROWS = Number(process.env.KITH_BENCH_IMPORT_ROWS ?? 100_000);
const TARGET = 50_000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pct = (a, b) => `${Math.round((a / b) * 100)} %`;

export async function importBench(log = console.log) {
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-bench-import-'));
  const url = (name) => `sqlite:${join(dir, `${name}.db`)}`;
  try {
    const csv = bigCsv(ROWS);
    log(`\nCSV import: ${fmt(ROWS)} rows of big (name text, score integer, note text), ${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB, SQLite, each on a fresh file`);
    const raw = await rawImport(url('raw'), join(dir, 'raw.db'), csv);
    const keepGood = await kithImport(url('keep'), csv, 'mode=keepGood');
    const allOrNothing = await kithImport(url('all'), csv, 'mode=allOrNothing');
    const dryRun = await kithImport(url('dry'), csv, 'dryRun=true&mode=keepGood');
    const bulk = await kithBulk(url('bulk'), ROWS);
    const line = (label, r, extra = '') => log(`  ${label.padEnd(60)} ${fmt(r.perSecond).padStart(9)} rows/s  ${r.seconds.toFixed(2).padStart(6)} s${extra}`);
    line('raw: csv-parse + libsql INSERT, 1,000 rows per transaction', raw);
    line('Kith import API, mode=keepGood (a transaction per 1,000)', keepGood, `  kith/raw ${pct(keepGood.perSecond, raw.perSecond)}`);
    line('Kith import API, mode=allOrNothing (one transaction)', allOrNothing, `  kith/raw ${pct(allOrNothing.perSecond, raw.perSecond)}`);
    line('Kith import API, dry run (each batch rolled back)', dryRun);
    line('reference: records.bulkCreate, same rows as objects, no CSV', bulk);
    const same = [raw.stored, keepGood.stored, allOrNothing.stored].every((n) => n === ROWS) && dryRun.stored === 0;
    log(`  rows stored: raw ${fmt(raw.stored)}, keepGood ${fmt(keepGood.stored)}, allOrNothing ${fmt(allOrNothing.stored)}, dry run ${fmt(dryRun.stored)}${same ? '' : '  <- NOT as expected'}`);
    const slowest = Math.min(keepGood.perSecond, allOrNothing.perSecond);
    log(`  import rate (slower of the two modes) ${fmt(slowest)} rows/s, target ≥ ${fmt(TARGET)}: ${slowest >= TARGET ? 'PASS' : 'MISS'}`);
    return { rows: ROWS, raw, keepGood, allOrNothing, dryRun, bulk, target: TARGET, pass: slowest >= TARGET, sameRows: same };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await importBench();
