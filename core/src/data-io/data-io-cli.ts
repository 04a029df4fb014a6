import { createReadStream, createWriteStream, existsSync, readFileSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { accessStore } from '../auth/access-store.js';
import { userStore } from '../auth/user-store.js';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { Errors, KithError } from '../errors/index.js';
import type { KithApp } from '../kernel/create-app.js';
import type { CsvHeader } from './csv-reader.js';
import { csvLine, UTF8_BOM } from './csv-writer.js';
import { EXPORT_FORMATS, openExport, type ExportFormat } from './export-stream.js';
import { importActor } from './import-actor.js';
import { IMPORT_MODES, mappingShapeProblems, ON_MATCH, type ImportMapping, type ImportMode } from './import-options.js';
import { parseDelimiter, parseEncoding } from './import-query.js';
import type { BatchOutcome, ImportSink, RowReport } from './import-report.js';
import { runImport } from './import-runner.js';
import { MAX_REPORT_ROWS } from './import-store.js';
import { MappingStore } from './mapping-store.js';

// `kith import` and `kith export`: cli.ts registers them with its boot function; the work is here.

/** Options of `kith import`. */
interface ImportOptions {
  mapping?: string;
  dateFormat?: string;
  delimiter?: string;
  decimalSeparator?: string;
  encoding?: string;
  match?: string;
  onMatch?: string;
  mode: string;
  dryRun: boolean;
  as?: string;
  rejected?: string;
  report?: string;
}

/** Options of `kith export`. */
interface ExportOptions {
  format: string;
  filter?: string;
  sort?: string;
  fields?: string;
  delimiter?: string;
  bom: boolean;
  out?: string;
  as?: string;
}

const n = (x: number) => x.toLocaleString('en-US');

/** Adds `kith import` and `kith export`; `boot` opens the app (no seed data, no polling). */
export function registerDataCommands(program: Command, boot: () => Promise<KithApp>): void {
  program
    .command('import')
    .description('import a CSV file into an entity through the record service (validation, rules, permissions, audit channel "import"); see docs/import-export.md')
    .argument('<entity>', 'the entity, e.g. contact')
    .argument('<file>', 'the CSV file (UTF-8; "," ";" tab or "|" separated, detected from the header)')
    .option('--mapping <file|id>', 'a mapping: a JSON file (as the API takes it) or the id of a saved mapping')
    .option('--date-format <format>', 'how dates are written, e.g. DD/MM/YYYY (required when a date column is mapped)')
    .option('--delimiter <char>', 'the separator, when it should not be detected: , ; | tab')
    .option('--decimal-separator <char>', 'the decimal separator of numbers: . or ,')
    .option('--encoding <name>', 'the file\'s encoding: utf-8 (default) or windows-1252 (Excel\'s plain "CSV" on Windows; also latin1)')
    .option('--match <fields>', 'fields that identify an existing record, comma-separated (with --on-match)')
    .option('--on-match <what>', `what a matching row does: ${ON_MATCH.join(', ')}`)
    .option('--mode <mode>', 'allOrNothing: any rejected row stores nothing; keepGood: store the good rows', 'allOrNothing')
    .option('--dry-run', 'report what would happen, store nothing', false)
    .option('--as <email>', "act as this user, with their permissions (default: the system, with every permission)")
    .option('--rejected <file>', 'where to write the rejected rows with a reason column (default: <file>.rejected.csv, when any)')
    .option('--report <file>', 'write the per-row report (JSON) there')
    .action(async (entity: string, file: string, opts: ImportOptions) => {
      process.env.LOG_LEVEL ??= 'warn';
      const app = await boot();
      try {
        process.exitCode = await importCommand(app, entity, file, opts);
      } finally {
        await app.close();
      }
    });

  program
    .command('export')
    .description('export a list view of an entity as CSV or JSON (with the permissions of --as)')
    .argument('<entity>', 'the entity, e.g. contact')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--filter <json>', 'a filter as the list API takes it, e.g. \'{"stage":"won"}\'')
    .option('--sort <fields>', 'e.g. -amount,name')
    .option('--fields <fields>', 'the columns, comma-separated (default: every field you may read)')
    .option('--delimiter <char>', 'CSV separator: , ; | tab', ',')
    .option('--bom', 'start the CSV with a byte order mark (Excel)', false)
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--as <email>', 'act as this user, with their permissions')
    .action(async (entity: string, opts: ExportOptions) => {
      // The server's log goes to standard output, where the export may go too.
      process.env.LOG_LEVEL ??= opts.out ? 'warn' : 'silent';
      const app = await boot();
      try {
        await exportCommand(app, entity, opts);
      } finally {
        await app.close();
      }
    });
}

/** Runs `kith import`; resolves to the exit code: 0 all rows fine, 2 some rejected (see the rejected file), 1 nothing stored. */
export async function importCommand(app: KithApp, entity: string, file: string, opts: ImportOptions): Promise<number> {
  if (!(IMPORT_MODES as readonly string[]).includes(opts.mode)) throw Errors.invalidQuery('mode', `--mode is allOrNothing or keepGood; got ${JSON.stringify(opts.mode)}.`);
  if (!existsSync(file)) throw Errors.invalidQuery('file', `There is no file ${file}.`);
  const actor = await cliActor(app, opts.as);
  const mapping = await cliMapping(app, actor, opts);
  const total = statSync(file).size;
  const bar = progressBar(total);
  const rejectedPath = opts.rejected ?? file.replace(/(\.csv)?$/i, '.rejected.csv');
  const sink = new FileSink(rejectedPath);
  const started = performance.now();
  const outcome = await runImport(
    { db: app.db, records: app.records },
    { entity, mapping, mode: opts.mode as ImportMode, dryRun: opts.dryRun, actor },
    { source: createReadStream(file), sink, onProgress: (p) => bar(p.bytes, p.rows) },
  ).finally(() => {
    bar.done();
    sink.close();
  });
  const seconds = (performance.now() - started) / 1000;
  if (opts.report) writeFileSync(opts.report, `${JSON.stringify({ summary: outcome.summary, committed: outcome.committed, rows: sink.reports, rowsTruncated: sink.truncated }, null, 2)}\n`);
  const { summary } = outcome;
  const verb = opts.dryRun ? 'would be' : outcome.committed ? '' : 'would have been';
  const line = (count: number, what: string) => `${n(count)} ${verb ? `${verb} ` : ''}${what}`;
  process.stdout.write(
    `${n(summary.rows)} rows in ${seconds.toFixed(1)} s (${n(Math.round(summary.rows / Math.max(seconds, 0.001)))} rows/s): ` +
      `${[line(summary.create, 'created'), line(summary.update, 'updated'), line(summary.skip, 'skipped')].join(', ')}, ${n(summary.reject)} rejected\n`,
  );
  for (const r of sink.reports.filter((x) => x.action === 'reject').slice(0, 10)) process.stdout.write(`  row ${r.row}: ${r.errors?.map((e) => e.message).join('; ')}\n`);
  if (summary.reject > 10) process.stdout.write(`  … and ${n(summary.reject - 10)} more\n`);
  if (summary.reject > 0) process.stdout.write(`rejected rows, with a reason column: ${rejectedPath}\n`);
  if (!opts.dryRun && !outcome.committed) {
    process.stdout.write('Nothing was stored (--mode allOrNothing). Fix the rejected rows, or use --mode keepGood to store the good ones.\n');
    return 1;
  }
  return summary.reject > 0 ? 2 : 0;
}

/** Runs `kith export`. */
export async function exportCommand(app: KithApp, entity: string, opts: ExportOptions): Promise<void> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw Errors.invalidQuery('format', `--format is csv or json; got ${JSON.stringify(opts.format)}.`);
  let filter: Record<string, unknown> | undefined;
  if (opts.filter !== undefined) {
    try {
      filter = JSON.parse(opts.filter) as Record<string, unknown>;
    } catch (error) {
      throw Errors.invalidFilter(`--filter is not valid JSON (${(error as Error).message}).`);
    }
  }
  const fields = opts.fields?.split(',').map((f) => f.trim()).filter(Boolean);
  const delimiter = parseDelimiter(opts.delimiter);
  const opened = await openExport(app.records, {
    entity,
    query: { ...(filter ? { filter } : {}), ...(opts.sort ? { sort: opts.sort } : {}), ...(fields?.length ? { fields } : {}) },
    format: opts.format as ExportFormat,
    actor: await cliActor(app, opts.as),
    ...(delimiter ? { delimiter } : {}),
    bom: opts.bom,
  });
  const out: NodeJS.WritableStream = opts.out ? createWriteStream(opts.out) : process.stdout;
  let bytes = 0;
  let closed = false;
  // A reader that stops early (`kith export contact | head`) ends the export, quietly.
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  for await (const chunk of opened.chunks) {
    if (closed) break;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()).once('error', () => resolve()));
  }
  if (opts.out) {
    await new Promise<void>((resolve, reject) => (out as WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
    process.stderr.write(`wrote ${n(bytes)} bytes to ${opts.out}\n`);
  }
}

/** The system (every permission) or, with --as, a user as they are now, on channel `import`. */
async function cliActor(app: KithApp, email: string | undefined): Promise<Actor> {
  if (email === undefined) return { userId: null, channel: 'import', isAdmin: true };
  const user = await userStore.byEmail(app.db.reader, email);
  if (!user) throw new KithError({ code: 'KITH_USER_NOT_FOUND', status: 404, field: 'as', message: `There is no user ${email}.` });
  const { roles } = await accessStore.load(app.db.reader, user.id);
  return importActor(app.db.reader, { userId: user.id, isAdmin: user.isAdmin, roles });
}

/** The mapping: a JSON file or a saved mapping's id, with the single options laid over it. */
async function cliMapping(app: KithApp, actor: Actor, opts: ImportOptions): Promise<ImportMapping> {
  let base: unknown = {};
  if (opts.mapping !== undefined) {
    if (existsSync(opts.mapping)) {
      try {
        base = JSON.parse(readFileSync(opts.mapping, 'utf8')) as unknown;
      } catch (error) {
        throw Errors.invalidQuery('mapping', `${opts.mapping} is not valid JSON (${(error as Error).message}).`);
      }
    } else {
      base = MappingStore.mappingOf(await new MappingStore(app.db, app.records).get(opts.mapping, actor));
    }
  }
  if ((opts.match === undefined) !== (opts.onMatch === undefined)) throw Errors.invalidQuery('match', 'Give --match and --on-match together.');
  const delimiter = parseDelimiter(opts.delimiter === 'tab' ? '\t' : opts.delimiter);
  const mapping = {
    ...(base as object),
    ...(opts.dateFormat !== undefined ? { dateFormat: opts.dateFormat } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(opts.decimalSeparator !== undefined ? { decimalSeparator: opts.decimalSeparator } : {}),
    ...(opts.encoding !== undefined ? { encoding: parseEncoding(opts.encoding) } : {}),
    ...(opts.match !== undefined ? { dedupe: { match: opts.match.split(',').map((m) => m.trim()), onMatch: opts.onMatch } } : {}),
  };
  const problems = mappingShapeProblems(mapping);
  if (problems.length > 0) throw Errors.validationFailed('import mapping', problems);
  return mapping as ImportMapping;
}

/** Keeps the report in memory (up to MAX_REPORT_ROWS rows) and writes rejected rows to a file as they come. */
class FileSink implements ImportSink {
  readonly reports: RowReport[] = [];
  truncated = false;
  private out: WriteStream | undefined;
  private header: readonly string[] = [];
  private delimiter = ',';
  private bom = false;

  constructor(private readonly path: string) {}

  async begin(header: CsvHeader): Promise<void> {
    this.header = header.names;
    this.delimiter = header.delimiter;
    this.bom = header.bom;
  }

  async guard(): Promise<void> {}

  async save(_tx: SqlExecutor, outcome: BatchOutcome): Promise<void> {
    const room = MAX_REPORT_ROWS - this.reports.length;
    this.reports.push(...outcome.reports.slice(0, Math.max(0, room)));
    if (outcome.reports.length > room) this.truncated = true;
    if (outcome.rejected.length === 0) return;
    this.out ??= this.open();
    for (const r of outcome.rejected) {
      const cells = r.cells.slice(0, this.header.length);
      while (cells.length < this.header.length) cells.push('');
      this.out.write(csvLine([...cells, r.reason], this.delimiter));
    }
  }

  close(): void {
    this.out?.end();
  }

  private open(): WriteStream {
    const out = createWriteStream(this.path);
    out.write(`${this.bom ? UTF8_BOM : ''}${csvLine([...this.header, 'reason'], this.delimiter)}`);
    return out;
  }
}

/** A progress bar on standard error (a terminal only): bytes read of the file, rows and rows per second. */
function progressBar(total: number): ((bytes: number, rows: number) => void) & { done: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let drawn = false;
  const draw = (bytes: number, rows: number) => {
    if (!tty) return;
    const share = total > 0 ? Math.min(1, bytes / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = rows / Math.max((performance.now() - started) / 1000, 0.001);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${n(rows)} rows  ${n(Math.round(rate))} rows/s `);
    drawn = true;
  };
  return Object.assign(draw, { done: () => void (drawn && process.stderr.write('\n')) });
}
