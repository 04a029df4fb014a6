import { randomBytes } from 'node:crypto';
import type { Database, SqlExecutor } from '../data/database.js';
import type { ImportPlan } from './column-plan.js';
import type { CsvHeader } from './csv-reader.js';
import { csvLine, UTF8_BOM } from './csv-writer.js';
import { ImportErrors } from './import-errors.js';
import type { Delimiter, ImportMapping, ImportMode } from './import-options.js';
import { addSummary, emptySummary, type BatchOutcome, type ImportSink, type ImportSummary, type RowReport } from './import-report.js';
import { stateRows } from './state-rows.js';

/** Per-row entries an import's report keeps (the summary counts every row; rejected.csv has every rejected row). */
export const MAX_REPORT_ROWS = 10_000;
/** Days an import's report, rejected rows and file are kept. */
export const KEEP_DAYS = 7;

/** Where an import job is. */
export type ImportJobState = 'queued' | 'running' | 'done' | 'failed';

/** Who started an import, as a background job acts again with it (re-checked when it runs). */
export interface ImportActorSnapshot {
  readonly userId: number | null;
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
  readonly tokenId?: number;
}

/** An import as stored: what was asked, where it is, and what it did so far. */
export interface ImportJobHead {
  readonly id: string;
  readonly entity: string;
  readonly mode: ImportMode;
  readonly dryRun: boolean;
  readonly background: boolean;
  readonly mapping: ImportMapping;
  readonly actor: ImportActorSnapshot;
  readonly createdAt: string;
  state: ImportJobState;
  startedAt?: string;
  finishedAt?: string;
  /** The queue job running a background import. */
  jobId?: number;
  bytes: number;
  totalBytes: number | null;
  summary: ImportSummary;
  /** Records after the header done so far (blank ones included): where a resumed attempt starts. */
  consumed: number;
  /** true: created and updated rows are stored; false: nothing was kept (dry run, or an all-or-nothing import that rejected a row). */
  committed: boolean | null;
  header?: readonly string[];
  delimiter?: Delimiter;
  bom?: boolean;
  ignoredColumns?: readonly { readonly column: string; readonly reason: string }[];
  /** Batch numbers with stored report rows and rejected rows. */
  reportBatches: number[];
  rejectedBatches: number[];
  reportRows: number;
  rowsTruncated: boolean;
  fileChunks: number;
  /** The problem that stopped the import (problem+json fields). */
  error?: Readonly<Record<string, unknown>>;
}

const PREFIX = 'import.job.';
const pad = (n: number) => String(n).padStart(6, '0');

/** A new import's id: its day first (so old ones can be purged by key) and 96 random bits. */
export function newImportId(now: Date): string {
  return `${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(12).toString('hex')}`;
}

/**
 * Imports' heads, reports, rejected rows and uploaded files, in `kith_state` (shared by every
 * node, so any node can answer for a job and any worker can run it).
 */
export class ImportStore {
  constructor(private readonly db: Database) {}

  async head(id: string): Promise<ImportJobHead | undefined> {
    if (!/^\d{8}-[0-9a-f]{24}$/.test(id)) return undefined;
    const text = await stateRows.get(this.db.reader, PREFIX + id);
    return text === undefined ? undefined : (JSON.parse(text) as ImportJobHead);
  }

  async saveHead(tx: SqlExecutor, head: ImportJobHead): Promise<void> {
    await stateRows.put(tx, PREFIX + head.id, JSON.stringify(head));
  }

  async appendFile(tx: SqlExecutor, id: string, chunk: number, text: string): Promise<void> {
    await stateRows.put(tx, `${PREFIX}${id}.file.${pad(chunk)}`, text);
  }

  /** The stored upload, chunk by chunk (one row in memory at a time). */
  async *file(head: ImportJobHead): AsyncGenerator<string> {
    for (let n = 1; n <= head.fileChunks; n++) {
      const text = await stateRows.get(this.db.reader, `${PREFIX}${head.id}.file.${pad(n)}`);
      if (text === undefined) throw ImportErrors.jobNotFound(head.id);
      yield text;
    }
  }

  /** The stored per-row report entries. */
  async reports(head: ImportJobHead): Promise<RowReport[]> {
    const out: RowReport[] = [];
    for (const n of head.reportBatches) out.push(...(JSON.parse((await stateRows.get(this.db.reader, `${PREFIX}${head.id}.report.${pad(n)}`)) ?? '[]') as RowReport[]));
    return out;
  }

  /** rejected.csv: the file's columns and a reason column, in the file's own separator. */
  async *rejectedCsv(head: ImportJobHead): AsyncGenerator<string> {
    const delimiter = head.delimiter ?? ',';
    yield `${head.bom ? UTF8_BOM : ''}${csvLine([...(head.header ?? []), 'reason'], delimiter)}`;
    for (const n of head.rejectedBatches) yield (await stateRows.get(this.db.reader, `${PREFIX}${head.id}.rejected.${pad(n)}`)) ?? '';
  }

  /** Makes this attempt the one running the import; earlier attempts' writes are refused from now on. */
  async takeOver(id: string): Promise<string> {
    const token = randomBytes(8).toString('hex');
    await this.db.transaction((tx) => stateRows.put(tx, `${PREFIX}${id}.runner`, token));
    return token;
  }

  /** Deletes everything stored for one import. */
  async remove(tx: SqlExecutor, id: string): Promise<void> {
    await stateRows.remove(tx, await stateRows.keys(tx, PREFIX + id));
  }

  /** Deletes the uploaded file of an import that has finished. */
  async removeFile(tx: SqlExecutor, head: ImportJobHead): Promise<void> {
    await stateRows.remove(tx, Array.from({ length: head.fileChunks }, (_, i) => `${PREFIX}${head.id}.file.${pad(i + 1)}`));
  }

  /** Deletes the imports started more than KEEP_DAYS ago. */
  async purge(tx: SqlExecutor, now: Date): Promise<void> {
    const cutoff = newImportId(new Date(now.getTime() - KEEP_DAYS * 86_400_000)).slice(0, 8);
    const old = (await stateRows.keys(tx, PREFIX)).filter((k) => k.slice(PREFIX.length, PREFIX.length + 8) < cutoff);
    await stateRows.remove(tx, old);
  }

  /** The sink an attempt reports through: it keeps the head current and stores each batch's rows beside it. */
  sink(head: ImportJobHead, runner: string): ImportSink {
    const key = `${PREFIX}${head.id}.runner`;
    return {
      begin: async (header: CsvHeader, plan: ImportPlan) => {
        head.header = header.names;
        head.delimiter = header.delimiter;
        head.bom = header.bom;
        head.ignoredColumns = plan.ignored;
      },
      guard: async (tx) => {
        if (!(await stateRows.holds(tx, key, runner))) throw ImportErrors.runnerLost(head.id);
      },
      save: async (tx, outcome: BatchOutcome) => {
        addSummary(head.summary, outcome.counts);
        head.consumed = outcome.consumed;
        if (outcome.kept) head.committed = true;
        else if (!head.dryRun && outcome.counts.rows > 0) head.committed = false;
        const room = MAX_REPORT_ROWS - head.reportRows;
        if (room > 0 && outcome.reports.length > 0) {
          const kept = outcome.reports.slice(0, room);
          await stateRows.put(tx, `${PREFIX}${head.id}.report.${pad(outcome.number)}`, JSON.stringify(kept));
          if (!head.reportBatches.includes(outcome.number)) head.reportBatches.push(outcome.number);
          head.reportRows += kept.length;
        }
        if (outcome.reports.length > room) head.rowsTruncated = true;
        if (outcome.rejected.length > 0) {
          const width = head.header?.length ?? 0;
          const text = outcome.rejected.map((r) => csvLine(rejectedCells(r.cells, width, r.reason), head.delimiter ?? ',')).join('');
          await stateRows.put(tx, `${PREFIX}${head.id}.rejected.${pad(outcome.number)}`, text);
          if (!head.rejectedBatches.includes(outcome.number)) head.rejectedBatches.push(outcome.number);
        }
        await this.saveHead(tx, head);
      },
    };
  }
}

/** A rejected row under the file's header, then its reason; cells past the header's width go into the reason, not lost. */
function rejectedCells(cells: readonly string[], width: number, reason: string): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  const extra = cells.slice(width).filter((c) => c.trim() !== '');
  return [...out, extra.length > 0 ? `${reason} (cells past the last column: ${extra.join(' | ')})` : reason];
}

/** A new head. */
export function newHead(init: Pick<ImportJobHead, 'id' | 'entity' | 'mode' | 'dryRun' | 'background' | 'mapping' | 'actor' | 'totalBytes'> & { readonly now: Date }): ImportJobHead {
  const { now, ...rest } = init;
  return {
    ...rest,
    createdAt: now.toISOString(),
    state: 'queued',
    bytes: 0,
    summary: emptySummary(),
    consumed: 0,
    committed: null,
    reportBatches: [],
    rejectedBatches: [],
    reportRows: 0,
    rowsTruncated: false,
    fileChunks: 0,
  };
}
