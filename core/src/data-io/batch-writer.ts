import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import type { RecordRow } from '../data/row-mapper.js';
import { isKithError, type KithError } from '../errors/index.js';
import type { ImportPlan } from './column-plan.js';
import type { MatchTarget } from './dedupe.js';
import type { ParsedRow, RowProblem } from './row-values.js';

/** What writing one row did: the stored record, or why the record service refused it. */
export type WriteResult = { readonly ok: true; readonly record: RecordRow } | { readonly ok: false; readonly problems: RowProblem[] };

/**
 * Writes rows through the record service (validation, rules, permissions, references, audit
 * with the importer's channel, write observers) inside `tx`, and finds which rows it refuses
 * without giving up the others: each attempt runs in a savepoint; a refusal that names rows
 * (`errors[].index`) drops those rows and retries the rest, one that does not (a unique value
 * taken, a record outside the importer's scope) splits the rows in halves until the culprit
 * stands alone. A failure that is not about the rows (the database gone) is thrown.
 */
export class BatchWriter {
  constructor(
    private readonly records: RecordService,
    private readonly actor: Actor,
    private readonly plan: ImportPlan,
  ) {}

  /** Creates the rows' records, many per statement; results in row order. */
  async create(tx: SqlExecutor, rows: readonly ParsedRow[]): Promise<Map<ParsedRow, WriteResult>> {
    const results = new Map<ParsedRow, WriteResult>();
    await this.createSome(tx, rows, results);
    return results;
  }

  /** Updates one record per row (blank cells leave fields as they are). */
  async update(tx: SqlExecutor, row: ParsedRow, target: MatchTarget): Promise<WriteResult> {
    try {
      const record = await this.inSavepoint(tx, () => this.records.update(this.plan.entity.name, target.id, row.values, target.version, this.actor, tx));
      return { ok: true, record };
    } catch (error) {
      if (!isRowError(error)) throw error;
      return { ok: false, problems: this.problems(error, undefined) };
    }
  }

  private async createSome(tx: SqlExecutor, rows: readonly ParsedRow[], results: Map<ParsedRow, WriteResult>): Promise<void> {
    if (rows.length === 0) return;
    try {
      const created = await this.inSavepoint(tx, () => this.records.bulkCreate(this.plan.entity.name, rows.map((r) => r.values), this.actor, tx));
      created.forEach((record, i) => results.set(rows[i]!, { ok: true, record }));
      return;
    } catch (error) {
      if (!isRowError(error)) throw error;
      if (rows.length === 1) {
        results.set(rows[0]!, { ok: false, problems: this.problems(error, undefined) });
        return;
      }
      const named = new Set(error.errors.flatMap((e) => (e.index === undefined ? [] : [e.index])));
      if (named.size > 0) {
        for (const index of named) results.set(rows[index]!, { ok: false, problems: this.problems(error, index) });
        await this.createSome(tx, rows.filter((_, i) => !named.has(i)), results);
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await this.createSome(tx, rows.slice(0, half), results);
      await this.createSome(tx, rows.slice(half), results);
    }
  }

  /** Runs `fn` in a savepoint. Attempts never nest, so one fixed name keeps the statements prepared once per connection. */
  private async inSavepoint<T>(tx: SqlExecutor, fn: () => Promise<T>): Promise<T> {
    await tx.run('SAVEPOINT kith_import', []);
    try {
      const result = await fn();
      await tx.run('RELEASE SAVEPOINT kith_import', []);
      return result;
    } catch (error) {
      await tx.run('ROLLBACK TO SAVEPOINT kith_import', []);
      await tx.run('RELEASE SAVEPOINT kith_import', []);
      throw error;
    }
  }

  /** A refusal as row problems, each naming its column (`index` picks one row's part of a bulk refusal). */
  private problems(error: KithError, index: number | undefined): RowProblem[] {
    const column = (field: string | undefined) => (field === undefined ? undefined : this.plan.columns.find((c) => c.field.name === field)?.header);
    const details = error.errors.filter((e) => index === undefined || e.index === index);
    if (details.length === 0) {
      const at = column(error.field);
      return [{ ...(at ? { column: at } : {}), ...(error.field ? { field: error.field } : {}), code: error.code, message: error.message }];
    }
    return details.map((e) => {
      const at = column(e.field);
      return { ...(at ? { column: at } : {}), ...(e.field ? { field: e.field } : {}), code: e.code, message: e.message };
    });
  }
}

/** A refusal caused by the rows themselves (4xx): the import reports it per row and goes on. */
function isRowError(error: unknown): error is KithError {
  return isKithError(error) && error.status >= 400 && error.status < 500;
}
