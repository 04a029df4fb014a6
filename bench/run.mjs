// `pnpm bench`: Kith against a raw fastify + driver baseline, in one run, on the built packages.
// A benchmark, not a test: it prints figures and targets and never fails on a number.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { addFieldUnderLoad } from './lib/add-field.mjs';
import { concurrentCreates } from './lib/durability.mjs';
import { checkpoint } from './lib/libsql.mjs';
import { measure, SECONDS, WARMUP_SECONDS } from './lib/load.mjs';
import { jobsBench } from './jobs.mjs';
import { rulesBench } from './rules.mjs';
import { importBench } from './import.mjs';
import { reportsBench } from './reports.mjs';
import { bigRow, dealRow, opportunityRow } from './lib/plugin.mjs';
import { permissionScenarios } from './lib/permissions.mjs';
import { PG_SCHEMA, PG_URL, preparePostgres, probePostgres } from './lib/postgres.mjs';
import * as report from './lib/report.mjs';
import { kithRequests, rawRequests, sampleAnswers } from './lib/scenarios.mjs';
import { seedThroughKith } from './lib/seed.mjs';
import { signIn, startKith, startRawPostgres, startRawSqlite } from './lib/servers.mjs';

const DEAL_ROWS = 100_000;
const BIG_ROWS = Number(process.env.KITH_BENCH_BIG_ROWS ?? 1_000_000);
const COLD_STARTS = 3;
const { int, mb, ms } = report;

const log = (text = '') => console.log(text);
const running = new Set();

/** Starts a server through `starter` and remembers it, so a failed run still kills it. */
async function track(starter) {
  const server = await starter();
  running.add(server);
  const forget = (fn) => async () => {
    running.delete(server);
    return fn();
  };
  return { ...server, stop: forget(server.stop), kill: forget(server.kill) };
}

/** Runs the named scenarios one after another against one server, printing each as it ends. */
async function runScenarios(side, url, requests, names) {
  const out = {};
  for (const name of names) {
    out[name] = await measure({ url, request: requests[name] });
    log(report.scenarioLine(side, name, out[name]));
  }
  return out;
}

/** `{ get: { kith, raw }, … }` from the two sides' runs. */
function pair(kith, raw) {
  return Object.fromEntries(Object.keys(raw).map((name) => [name, { kith: kith[name], raw: raw[name] }]));
}

/** Both sides' sample answers compared and printed; true when identical. */
function sameAnswers(kithSample, rawSample) {
  const same = kithSample === rawSample;
  log(`  same record and same list page from both sides: ${same ? 'yes' : 'NO, so the comparison is not like for like'}`);
  return same;
}

async function seedPhase(files, results) {
  log(report.heading('Seeding (through Kith: app.records.bulkCreate, 1,000 rows per call)'));
  results.seed = [await seedThroughKith(`sqlite:${files.deal}`, 'deal', DEAL_ROWS, dealRow)];
  results.seed.push(await seedThroughKith(`sqlite:${files.big}`, 'big', BIG_ROWS, bigRow));
  for (const s of results.seed) log(`  ${s.entity.padEnd(5)} ${int(s.rows).padStart(9)} rows in ${ms(s.ms / 1000)} s  = ${int(s.rowsPerSec)} rows/s`);
  globalThis.gc?.();
}

/** Forks Kith COLD_STARTS times; the last server keeps running and is returned. */
async function coldStartPhase(file, results) {
  log(report.heading(`Cold start: fork → listening, Kith on the ${int(DEAL_ROWS)}-row database`));
  const runs = [];
  let kith;
  for (let i = 0; i < COLD_STARTS; i++) {
    kith = await track(() => startKith(`sqlite:${file}`));
    const p = kith.phases;
    runs.push({ ms: kith.startMs, phases: p });
    log(`  #${i + 1}: ${ms(kith.startMs)} ms  (node boot ${ms(p.bootMs)}, import @kith/core ${ms(p.importMs)}, createApp ${ms(p.createAppMs)}, listen ${ms(p.listenMs)})`);
    if (i < COLD_STARTS - 1) await kith.stop();
  }
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  results.coldStart = { medianMs: sorted[Math.floor(sorted.length / 2)], runs };
  return kith;
}

async function sqliteComparison(kith, file, results) {
  log(report.heading('SQLite: Kith (bearer auth + metadata layer) vs raw fastify + libsql, same file'));
  const kithReqs = kithRequests(DEAL_ROWS, await signIn(kith.url));
  const kithSample = await sampleAnswers(kith.url, kithReqs);
  checkpoint(file);
  const kithRuns = await runScenarios('kith', kith.url, kithReqs, ['get', 'list', 'create']);
  kithRuns.concurrentCreate = await concurrentCreates(kith, kithReqs.concurrentCreate, file);
  log(report.scenarioLine('kith', 'concurrentCreate', kithRuns.concurrentCreate));

  checkpoint(file);
  const raw = await track(() => startRawSqlite(file));
  const rawReqs = rawRequests(DEAL_ROWS);
  results.sameAnswers = sameAnswers(kithSample, await sampleAnswers(raw.url, rawReqs));
  const rawRuns = await runScenarios('raw', raw.url, rawReqs, ['get', 'list', 'create']);
  rawRuns.concurrentCreate = await measure({ url: raw.url, request: rawReqs.concurrentCreate(), connections: 20, warmup: 0 });
  log(report.scenarioLine('raw', 'concurrentCreate', rawRuns.concurrentCreate));
  const rawRss = await raw.rss();
  await raw.stop();

  results.sqlite = pair(kithRuns, rawRuns);
  results.concurrent = kithRuns.concurrentCreate;
  results.memory = { kithRss: kithRuns.concurrentCreate.rss, rawRss };
  log(`\n${report.comparisonTable(results.sqlite)}`);
  log('  non-2xx/err: responses not 2xx / socket errors and timeouts. The 20-connection row has no ratio target: it checks Kith never hangs.');
  log('  Kith authenticates every request (Authorization: Bearer); the raw routes have no auth.');
  log('  Before each side the WAL is checkpointed (TRUNCATE), so both start from the same file state.');
  log(report.heading('20 concurrent connections creating on SQLite (Kith), then SIGKILL'));
  log(report.concurrentLines(results.concurrent));
  log(report.heading('Memory'));
  log(`  Kith server RSS after all SQLite load: ${mb(results.memory.kithRss)}   (raw server: ${mb(rawRss)})`);
}

async function permissionsPhase(file, results) {
  log(report.heading(`Permissions: one list page as admin vs as scoped roles (${int(DEAL_ROWS)} rows, SQLite)`));
  const seed = await seedThroughKith(`sqlite:${file}`, 'opportunity', DEAL_ROWS, opportunityRow);
  log(`  seeded ${int(seed.rows)} opportunities (50 owners) in ${ms(seed.ms / 1000)} s`);
  const server = await track(() => startKith(`sqlite:${file}`));
  const p = await permissionScenarios(server, await signIn(server.url));
  await server.stop();
  results.permissions = p;
  for (const [name, r] of [['admin', p.admin], ['team scope', p.team], ['own scope', p.own]]) log(report.scenarioLine(name.padEnd(10), 'permList', r));
  log(`  rows on the page: team ${p.rows.team}, own ${p.rows.own}; rows outside the scope or with the hidden field: ${p.leaks}`);
  log(`  admin time ÷ role time: team ${(p.admin.reqPerSec / p.team.reqPerSec).toFixed(2)}×, own ${(p.admin.reqPerSec / p.own.reqPerSec).toFixed(2)}× (target ≤ 1.20×)`);
}

async function addFieldPhase(file, results) {
  log(report.heading(`Add a field to ${int(BIG_ROWS)} rows while reads continue (Kith, SQLite)`));
  const server = await track(() => startKith(`sqlite:${file}`));
  results.bigRows = BIG_ROWS;
  results.addField = await addFieldUnderLoad(server, await signIn(server.url), BIG_ROWS);
  await server.stop();
  log(report.addFieldLines(results.addField));
}

async function postgresPhase(results) {
  log(report.heading('PostgreSQL: Kith vs raw fastify + pg (pool of 10)'));
  const probe = await probePostgres();
  const shown = PG_URL.replace(/\/\/[^@/]*@/, '//***@');
  if (!probe.ok) {
    log(`  skipped: ${shown} did not answer (${probe.reason}). Set KITH_BENCH_POSTGRES_URL to run it.`);
    results.postgres = { skipped: probe.reason };
    return;
  }
  log(`  PostgreSQL ${probe.version} at ${shown}, schema "${PG_SCHEMA}" (dropped and re-seeded)`);
  const { kithUrl, seed } = await preparePostgres(DEAL_ROWS);
  log(`  seeded ${int(seed.rows)} deals through Kith in ${ms(seed.ms / 1000)} s = ${int(seed.rowsPerSec)} rows/s, then ANALYZE`);
  const kith = await track(() => startKith(kithUrl));
  const kithReqs = kithRequests(DEAL_ROWS, await signIn(kith.url));
  const kithSample = await sampleAnswers(kith.url, kithReqs);
  const kithRuns = await runScenarios('kith', kith.url, kithReqs, ['get', 'list']);
  await kith.stop();
  const raw = await track(() => startRawPostgres(PG_URL, PG_SCHEMA));
  const rawReqs = rawRequests(DEAL_ROWS);
  const same = sameAnswers(kithSample, await sampleAnswers(raw.url, rawReqs));
  const rawRuns = await runScenarios('raw', raw.url, rawReqs, ['get', 'list']);
  await raw.stop();
  results.postgres = { version: probe.version, seed, sameAnswers: same, pairs: pair(kithRuns, rawRuns) };
  log(`\n${report.comparisonTable(results.postgres.pairs)}`);
  log('  Kith authenticates every request (Authorization: Bearer); the raw routes have no auth.');
}

async function main() {
  const started = performance.now();
  const dir = mkdtempSync(join(os.tmpdir(), 'kith-bench-'));
  const files = { deal: join(dir, 'deal.db'), big: join(dir, 'big.db'), perm: join(dir, 'perm.db') };
  const cpus = os.cpus();
  const loadAvg = () => os.loadavg().map((l) => Number(l.toFixed(2)));
  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus.length, cpu: cpus[0]?.model, memory: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvgAtStart: loadAvg() },
    settings: { dealRows: DEAL_ROWS, bigRows: BIG_ROWS, connections: 10, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS },
  };
  log(`Kith bench: ${cpus.length} × ${results.machine.cpu}, ${mb(results.machine.memory)} RAM, Node ${process.version}`);
  log(`load average at start: ${loadAvg().join(' ')}. Server and load generator share these cores, so compare ratios, not absolutes.`);
  log(`temporary databases in ${dir}`);
  try {
    await seedPhase(files, results);
    const kith = await coldStartPhase(files.deal, results);
    await sqliteComparison(kith, files.deal, results);
    await permissionsPhase(files.perm, results);
    await addFieldPhase(files.big, results);
    await postgresPhase(results);
    results.jobs = await jobsBench(log);
    results.rules = await rulesBench(log);
    results.import = await importBench(log);
    results.reports = await reportsBench(log);
  } finally {
    for (const server of running) await server.kill().catch(() => undefined);
    if (!process.env.KITH_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
  results.loadAvgAtEnd = loadAvg();
  results.totalSeconds = (performance.now() - started) / 1000;
  const summary = report.summaryRows(results);
  results.summary = summary.map(([figure, value, target, result]) => ({ figure, value, target, result }));
  log(report.heading('Summary'));
  log(report.table(['figure', 'value', 'target', ''], summary, ['l', 'r', 'r', 'l']));
  log(`\nload average at end: ${results.loadAvgAtEnd.join(' ')}; total ${ms(results.totalSeconds)} s`);
  log(`written: ${report.writeJson(results)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
