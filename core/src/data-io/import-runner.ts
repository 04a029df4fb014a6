import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import { MAX_BULK_ROWS } from '../data/record-writer.js';
import { importView, planImport, type ImportPlan } from './column-plan.js';
import { openCsv, type CsvBatch, type CsvFile, type CsvHeader, type CsvReadOptions } from './csv-reader.js';
import { ImportBatch } from './import-batch.js';
import type { ImportMapping, ImportMode } from './import-options.js';
import { addSummary, emptySummary, type BatchOutcome, type ImportSink, type ImportSummary } from './import-report.js';

/** What to import and how. */
export interface ImportRequest {
  readonly entity: string;
  readonly mapping: ImportMapping;
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  /** Who imports: their permissions apply, and the audit records them with channel `import`. */
  readonly actor: Actor;
}

/** How far an import has come. */
export interface ImportProgress {
  readonly rows: number;
  readonly bytes: number;
  readonly summary: ImportSummary;
}

/** Where an import reads from and reports to. */
export interface ImportIo {
  readonly source: AsyncIterable<Buffer | string>;
  readonly sink: ImportSink;
  /** Records after the header already done by an earlier attempt (a resumed job). */
  readonly skip?: number;
  /** A dry run goes on from `skip` (an all-or-nothing import that rejected a row before the attempt was cut short). */
  readonly continueAsDryRun?: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** What an import did. */
export interface ImportOutcome {
  readonly header: CsvHeader;
  readonly plan: ImportPlan;
  readonly summary: ImportSummary;
  /** True when the rows the summary counts as created or updated were kept. */
  readonly committed: boolean;
}

/** An import ready to read rows: the importer (channel `import`), the open file and its column plan. */
export interface PreparedImport {
  readonly actor: Actor;
  readonly file: CsvFile;
  readonly plan: ImportPlan;
}

/**
 * Checks the importer may import into the entity, opens the file and plans its columns:
 * everything that can be refused before a row is read (unknown columns, a wrong separator, a
 * date column without a declared format) is refused here.
 */
export async function prepareImport(records: RecordService, request: ImportRequest, source: AsyncIterable<Buffer | string>, options: Pick<CsvReadOptions, 'skip' | 'onBytes'> = {}): Promise<PreparedImport> {
  const actor: Actor = { ...request.actor, channel: 'import' };
  const model = records.currentModel();
  const view = importView(model, records.entity(request.entity, model), actor, request.mapping.dedupe?.onMatch);
  const file = await openCsv(source, { delimiter: request.mapping.delimiter, encoding: request.mapping.encoding, batchSize: MAX_BULK_ROWS, ...options });
  return { actor, file, plan: planImport(view, file.header.names, request.mapping) };
}

/** Thrown inside a transaction to roll it back on purpose. */
const ROLL_BACK = Symbol('roll back');

/**
 * Runs a CSV import through the record service, streaming the file a batch (1,000 rows) at a
 * time:
 *
 * - **keepGood**: each batch is one transaction; rejected rows are reported and the rest kept.
 * - **allOrNothing**: one transaction for the whole file; the first rejected row rolls it back,
 *   and the rest of the file is still checked (as a dry run) so the report names every problem.
 * - **dryRun**: each batch is written in a transaction that is rolled back, so the report says
 *   exactly what the record service would accept — validation, rules, permissions, unique
 *   values, references — and nothing is kept.
 */
export async function runImport(deps: { readonly db: Database; readonly records: RecordService }, request: ImportRequest, io: ImportIo): Promise<ImportOutcome> {
  const { db, records } = deps;
  let bytes = 0;
  const { actor, file, plan } = await prepareImport(records, request, io.source, { skip: io.skip ?? 0, onBytes: (n) => (bytes = n) });
  await io.sink.begin(file.header, plan);
  const summary = emptySummary();
  let dryRun = request.dryRun || io.continueAsDryRun === true;
  const engine = new ImportBatch(records, actor, plan, file.header.names.length, dryRun);
  const batches = file.batches[Symbol.asyncIterator]();
  let number = 0;
  const next = async (): Promise<CsvBatch | undefined> => {
    const got = await batches.next();
    if (got.done) return undefined;
    number += 1;
    return got.value;
  };
  const record = (outcome: BatchOutcome) => {
    addSummary(summary, outcome.counts);
    io.onProgress?.({ rows: summary.rows, bytes, summary: { ...summary } });
  };
  let committed = !dryRun;
  if (!dryRun && request.mode === 'allOrNothing') {
    const pending: BatchOutcome[] = [];
    let rejected = false;
    try {
      await db.transaction(async (tx) => {
        await io.sink.guard(tx);
        for (let batch = await next(); batch; batch = await next()) {
          const outcome = await engine.run(tx, batch, number);
          pending.push(outcome);
          record(outcome);
          if (outcome.counts.reject > 0) throw ROLL_BACK;
        }
        // Saved in the same transaction, so a crash can never keep the records without their report.
        for (const outcome of pending) await io.sink.save(tx, outcome);
      });
    } catch (error) {
      if (error !== ROLL_BACK) throw error;
      rejected = true;
    }
    if (rejected) {
      committed = false;
      dryRun = true;
      engine.dryRun = true;
      await db.transaction(async (tx) => {
        for (const outcome of pending) await io.sink.save(tx, unkept(outcome));
      });
    }
  }
  for (let batch = await next(); batch; batch = await next()) {
    if (dryRun) {
      let outcome: BatchOutcome | undefined;
      await db
        .transaction(async (tx) => {
          outcome = await engine.run(tx, batch, number);
          throw ROLL_BACK;
        })
        .catch((error: unknown) => {
          if (error !== ROLL_BACK) throw error;
        });
      await db.transaction((tx) => io.sink.save(tx, outcome!));
      record(outcome!);
    } else {
      const outcome = await db.transaction(async (tx) => {
        await io.sink.guard(tx);
        const done = await engine.run(tx, batch, number);
        await io.sink.save(tx, done);
        return done;
      });
      record(outcome);
    }
  }
  return { header: file.header, plan, summary, committed };
}

/** A batch of a rolled-back all-or-nothing import: same actions, no ids, nothing kept. */
function unkept(outcome: BatchOutcome): BatchOutcome {
  return { ...outcome, kept: false, reports: outcome.reports.map(({ id: _id, ...rest }) => rest) };
}
