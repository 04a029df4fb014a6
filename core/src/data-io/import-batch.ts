import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import { BatchWriter } from './batch-writer.js';
import type { ImportPlan } from './column-plan.js';
import type { CsvBatch } from './csv-reader.js';
import { Dedupe, type Decision } from './dedupe.js';
import { emptySummary, reasonOf, type BatchOutcome, type RejectedRow, type RowReport } from './import-report.js';
import { RelationKeys } from './relation-keys.js';
import { parseRow, type ParsedRow, type RowProblem } from './row-values.js';

type Result = { readonly action: 'create' | 'update' | 'skip'; readonly id?: number; readonly reason?: string } | { readonly action: 'reject'; readonly problems: readonly RowProblem[] };

/**
 * One batch of rows from cells to stored records, inside the caller's transaction: cells read
 * by each field type, relation keys looked up, dedupe decided, the in-file uniqueness of unique
 * fields checked, then creates (many per statement) and updates through the record service.
 * Every row ends with one result; the caller decides whether the transaction is kept.
 */
export class ImportBatch {
  /** True once nothing written is kept (a dry run, or an all-or-nothing import past its first rejection). */
  dryRun: boolean;
  private readonly keys: RelationKeys | undefined;
  private readonly dedupe: Dedupe | undefined;
  private readonly writer: BatchWriter;
  /** Unique field → value → the row that claimed it in this file. */
  private readonly uniqueSeen = new Map<string, Map<string, number>>();

  constructor(
    records: RecordService,
    actor: Actor,
    private readonly plan: ImportPlan,
    private readonly width: number,
    dryRun: boolean,
  ) {
    this.dryRun = dryRun;
    this.keys = plan.columns.some((c) => c.key) ? new RelationKeys(records, actor, plan) : undefined;
    this.dedupe = plan.dedupe ? new Dedupe(records, actor, plan) : undefined;
    this.writer = new BatchWriter(records, actor, plan);
    for (const field of plan.unique) this.uniqueSeen.set(field.name, new Map());
  }

  async run(tx: SqlExecutor, batch: CsvBatch, number: number): Promise<BatchOutcome> {
    const rows = batch.rows.map((r) => parseRow(this.plan, this.width, r));
    await this.keys?.resolve(rows);
    const results = new Map<ParsedRow, Result>();
    for (const row of rows) if (row.problems.length > 0) results.set(row, { action: 'reject', problems: row.problems });
    let wave = rows.filter((r) => !results.has(r));
    while (wave.length > 0) wave = await this.runWave(tx, wave, number, results);
    return this.outcome(rows, results, batch.consumed, number);
  }

  /** Decides and writes the rows; returns the rows deferred to the next wave. */
  private async runWave(tx: SqlExecutor, wave: readonly ParsedRow[], number: number, results: Map<ParsedRow, Result>): Promise<ParsedRow[]> {
    const decisions = this.dedupe ? await this.dedupe.decide(wave, number, this.dryRun) : undefined;
    const creates: ParsedRow[] = [];
    const updates: [ParsedRow, Extract<Decision, { kind: 'update' }>][] = [];
    const deferred: ParsedRow[] = [];
    for (const row of wave) {
      const decision: Decision = decisions?.get(row) ?? { kind: 'create' };
      switch (decision.kind) {
        case 'create': {
          const clash = this.claimUnique(row);
          if (clash) results.set(row, { action: 'reject', problems: [clash] });
          else creates.push(row);
          break;
        }
        case 'update':
          updates.push([row, decision]);
          break;
        case 'simulatedUpdate':
          results.set(row, { action: 'update', reason: decision.reason });
          break;
        case 'skip':
          results.set(row, { action: 'skip', reason: decision.reason });
          this.dedupe?.remember(row, number, decision.target);
          break;
        case 'reject':
          results.set(row, { action: 'reject', problems: [{ code: decision.code, message: decision.message }] });
          break;
        case 'defer':
          deferred.push(row);
          break;
      }
    }
    for (const [row, result] of await this.writer.create(tx, creates)) {
      if (result.ok) {
        results.set(row, { action: 'create', ...(this.dryRun ? {} : { id: result.record.id as number }) });
        this.dedupe?.remember(row, number, { id: result.record.id as number, version: result.record.version as number });
      } else {
        this.releaseUnique(row);
        results.set(row, { action: 'reject', problems: result.problems });
      }
    }
    for (const [row, decision] of updates) {
      const result = await this.writer.update(tx, row, decision.target);
      if (result.ok) {
        results.set(row, { action: 'update', reason: decision.reason, ...(this.dryRun ? {} : { id: result.record.id as number }) });
        this.dedupe?.remember(row, number, { id: result.record.id as number, version: result.record.version as number });
      } else {
        results.set(row, { action: 'reject', problems: result.problems });
      }
    }
    return deferred;
  }

  /** A problem when an earlier row of the file already has this row's value of a unique field; else claims the values. */
  private claimUnique(row: ParsedRow): RowProblem | undefined {
    const keys: [Map<string, number>, string][] = [];
    for (const field of this.plan.unique) {
      const key = this.uniqueKey(row, field.name);
      if (key === undefined) continue;
      const seen = this.uniqueSeen.get(field.name)!;
      const first = seen.get(key);
      const column = this.plan.columns.find((c) => c.field === field)!.header;
      if (first !== undefined) return { column, field: field.name, code: 'KITH_IMPORT_DUPLICATE', message: `${column}: row ${first} of this file has the same ${field.name}, which must be unique` };
      keys.push([seen, key]);
    }
    for (const [seen, key] of keys) seen.set(key, row.source.row);
    return undefined;
  }

  private releaseUnique(row: ParsedRow): void {
    for (const field of this.plan.unique) {
      const key = this.uniqueKey(row, field.name);
      const seen = this.uniqueSeen.get(field.name)!;
      if (key !== undefined && seen.get(key) === row.source.row) seen.delete(key);
    }
  }

  private uniqueKey(row: ParsedRow, name: string): string | undefined {
    const value = row.values[name];
    if (value === undefined || value === null) return undefined;
    const field = this.plan.entity.fieldsByName.get(name)!;
    const checked = field.type.normalise(field.def, value);
    return checked.ok ? JSON.stringify(checked.value) : undefined;
  }

  private outcome(rows: readonly ParsedRow[], results: ReadonlyMap<ParsedRow, Result>, consumed: number, number: number): BatchOutcome {
    const counts = emptySummary();
    const reports: RowReport[] = [];
    const rejected: RejectedRow[] = [];
    for (const row of rows) {
      const result = results.get(row)!;
      const { row: at, line } = row.source;
      counts.rows += 1;
      counts[result.action] += 1;
      if (result.action === 'reject') {
        reports.push({ row: at, line, action: 'reject', errors: result.problems });
        rejected.push({ cells: row.source.cells, reason: reasonOf(result.problems) });
      } else {
        reports.push({ row: at, line, action: result.action, ...(result.id !== undefined ? { id: result.id } : {}), ...(result.reason ? { reason: result.reason } : {}) });
      }
    }
    return { number, reports, rejected, counts, consumed, kept: !this.dryRun };
  }
}
