import type { SqlExecutor } from '../data/database.js';
import type { ImportPlan } from './column-plan.js';
import type { CsvHeader } from './csv-reader.js';
import type { RowProblem } from './row-values.js';

/** What happened (or, in a dry run, would happen) to one row. */
export type RowAction = 'create' | 'update' | 'skip' | 'reject';

/** One row of the per-row report. */
export interface RowReport {
  /** The row number a spreadsheet shows (the header is row 1). */
  readonly row: number;
  /** The text line the row starts on. */
  readonly line: number;
  readonly action: RowAction;
  /** The record created or updated (absent in a dry run, and when nothing was kept). */
  readonly id?: number;
  /** Why a row is skipped or updated (what it matched). */
  readonly reason?: string;
  /** Why a row is rejected: every problem, each naming its column and field. */
  readonly errors?: readonly RowProblem[];
}

/** Rows per action. */
export interface ImportSummary {
  rows: number;
  create: number;
  update: number;
  skip: number;
  reject: number;
}

/** A rejected row as the file had it, with the reason to show beside it. */
export interface RejectedRow {
  readonly cells: readonly string[];
  readonly reason: string;
}

/** What one batch of rows did. */
export interface BatchOutcome {
  /** 1 for the first batch. */
  readonly number: number;
  readonly reports: RowReport[];
  readonly rejected: RejectedRow[];
  readonly counts: ImportSummary;
  /** Records after the header read up to the end of this batch (blank ones included): where a resumed import starts. */
  readonly consumed: number;
  /** False for a dry run, and for an all-or-nothing import that rejected a row: nothing of it was kept. */
  readonly kept: boolean;
}

/**
 * Where an import's results go as it runs: the run store (API imports, so the report and the
 * rejected rows can be fetched later and a job can resume) or the CLI's files.
 */
export interface ImportSink {
  /** The header is read and the columns planned; nothing is written yet. */
  begin(header: CsvHeader, plan: ImportPlan): Promise<void>;
  /**
   * Guards a transaction that is about to write records: throws when another attempt has
   * taken the import over since this one began (a job whose lease ran out).
   */
  guard(tx: SqlExecutor): Promise<void>;
  /** A batch's results, inside the transaction that kept its records (or a transaction of its own when nothing was kept). */
  save(tx: SqlExecutor, outcome: BatchOutcome): Promise<void>;
}

/** An empty summary. */
export function emptySummary(): ImportSummary {
  return { rows: 0, create: 0, update: 0, skip: 0, reject: 0 };
}

/** Adds `b` into `a`. */
export function addSummary(a: ImportSummary, b: ImportSummary): void {
  a.rows += b.rows;
  a.create += b.create;
  a.update += b.update;
  a.skip += b.skip;
  a.reject += b.reject;
}

/** A rejection's problems as one sentence for the reason column. */
export function reasonOf(problems: readonly RowProblem[]): string {
  return problems.map((p) => p.message.replace(/\.$/, '')).join('; ');
}
