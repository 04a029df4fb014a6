import { describeChange } from '../../config-package/describe-change.js';
import { NameBook } from '../../config-package/name-book.js';
import { withoutLocal } from '../../config-package/package-format.js';
import { mappingOf } from '../../config-package/package-kinds.js';
import { assessRisks, type ChangeRisk } from '../../config-package/row-risk.js';
import type { Database, SqlExecutor } from '../../data/database.js';
import { Mutex } from '../../data/mutex.js';
import { Params, quote } from '../../data/sql.js';
import { isKithError } from '../../errors/index.js';
import type { Customisation, CustomisationChange, CustomisationKind } from '../customisation.js';
import type { MetadataRegistry } from '../registry.js';
import { inverseOf, overlaps, type RevertReason } from './inverse-change.js';
import { RevertErrors } from './revert-errors.js';

/** What reverting works on: the database and the metadata registry. */
export interface RevertHost {
  readonly db: Database;
  readonly registry: MetadataRegistry;
}

/** The change a revert undoes, as the history shows it. */
export interface RevertedChange {
  readonly seq: number;
  readonly kind: CustomisationKind;
  readonly summary: string;
  readonly createdAt: string;
  readonly createdBy: number | null;
}

/** A customisation a revert appends, what it puts at risk, and what it brings back. */
export interface RevertStep extends ChangeRisk {
  readonly kind: CustomisationKind;
  readonly summary: string;
  readonly change: CustomisationChange;
  /** Undoing a field removal: the rows whose archived values are copied back. */
  readonly restoresRows?: number;
  /** Once applied: its entry in the metadata history. */
  readonly seq?: number;
}

/** What reverting a change does (or, dry, would do). */
export interface RevertPlan {
  readonly revert: RevertedChange;
  readonly changes: readonly RevertStep[];
}

/** Where a removed field's values went: its column, renamed when it was removed. */
interface ArchivedColumn {
  readonly column: string;
  readonly archivedAs: string;
}

interface Prepared extends RevertPlan {
  readonly archived: readonly ArchivedColumn[];
  readonly table: string | undefined;
}

/**
 * Reverts a metadata change by appending the customisations that undo it, never by deleting
 * history: the revert is itself a recorded change (and can be reverted). The plan comes
 * first: what would change, what data is at risk, or every reason it cannot be done.
 */
export class MetadataRevertService {
  private readonly lock = new Mutex();

  constructor(private readonly host: RevertHost) {}

  /** What reverting change `seq` would do; throws `KITH_REVERT_NOT_POSSIBLE` with every reason when it cannot. */
  async plan(seq: number, userId: number | null): Promise<RevertPlan> {
    const { revert, changes } = await this.prepare(seq, userId);
    return { revert, changes };
  }

  /** Reverts change `seq`; a destructive revert (a field holding data removed) needs `confirm`. */
  async apply(seq: number, options: { readonly userId: number | null; readonly confirm: boolean }): Promise<RevertPlan> {
    return this.lock.run(async () => {
      const plan = await this.prepare(seq, options.userId);
      const destructive = plan.changes.filter((c) => c.destructive);
      if (destructive.length > 0 && !options.confirm) throw RevertErrors.confirmationRequired(seq, plan.revert.summary, destructive);
      const applied: RevertStep[] = [];
      for (const step of plan.changes) {
        let stored: number | undefined;
        try {
          await this.host.registry.change(step.change, {
            userId: options.userId,
            confirm: true,
            alsoInTransaction: async (tx, newSeq) => {
              stored = newSeq;
              if ((step.restoresRows ?? 0) > 0) await copyBack(tx, plan.table, plan.archived);
            },
          });
        } catch (error) {
          if (!isKithError(error) || error.status >= 500) throw error;
          throw RevertErrors.notPossible(seq, plan.revert.summary, [{ code: error.code, message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) }], error);
        }
        applied.push({ ...step, ...(stored !== undefined ? { seq: stored } : {}) });
      }
      return { revert: plan.revert, changes: applied };
    });
  }

  private async prepare(seq: number, userId: number | null): Promise<Prepared> {
    const { registry, db } = this.host;
    const stored = registry.stored;
    const target = stored.find((c) => c.seq === seq);
    if (!target) throw RevertErrors.notFound(seq);
    const model = registry.model;
    const names = new NameBook(model, stored.map(withoutLocal));
    const describe = (c: Customisation | CustomisationChange) => describeChange('seq' in c ? withoutLocal(c) : c, names);
    const revert: RevertedChange = { seq, kind: target.kind, summary: describe(target), createdAt: target.createdAt, createdBy: target.createdBy };
    const refuse = (reasons: readonly RevertReason[], cause?: unknown) => RevertErrors.notPossible(seq, revert.summary, reasons, cause);

    const conflict = model.conflicts.find((c) => c.seq === seq);
    if (conflict) throw refuse([{ code: 'KITH_REVERT_NOT_APPLIED', message: `It does not apply today (a conflict: ${conflict.message}), so there is nothing to undo.` }]);
    const conflicted = new Set(model.conflicts.map((c) => c.seq));
    const later = stored.filter((c) => c.seq > seq && !conflicted.has(c.seq));
    const reasons: RevertReason[] = later
      .filter((c) => overlaps(target, c))
      .map((c) => ({ code: 'KITH_REVERT_CHANGED_SINCE', field: `#${c.seq}`, message: `#${c.seq} (${describe(c)}) changed the same since; revert #${c.seq} first.` }));
    if (target.kind === 'addEntity') reasons.push(...dependents(target.entity.name, later, names, describe));
    const inverse = inverseOf(target, registry.layer(stored.filter((c) => c.seq < seq)));
    if ('refused' in inverse) reasons.push(...inverse.refused);
    if (reasons.length > 0 || 'refused' in inverse) throw refuse(reasons);

    // The registry's own checks (names, relations, roles, rules, stored data), changing nothing.
    for (const change of inverse.changes) {
      try {
        await registry.change(change, { userId, confirm: true, dryRun: true });
      } catch (error) {
        if (!isKithError(error) || error.status >= 500) throw error;
        throw refuse([{ code: error.code, message: error.message, ...(error.field !== undefined ? { field: error.field } : {}) }, ...error.errors.map((e) => ({ code: e.code, message: e.message, ...(e.field !== undefined ? { field: e.field } : {}) }))], error);
      }
    }
    const risks = await assessRisks(inverse.changes, model, db.reader);
    const entity = target.kind === 'removeField' ? [...model.entities.values()].find((e) => e.def.id === target.entityId) : undefined;
    const archived = entity && target.kind === 'removeField' ? await archivedColumns(db.reader, entity.name, seq) : [];
    const restoresRows = entity && target.kind === 'removeField' ? await rowsWithValues(db.reader, entity.table, archived) : undefined;
    const changes = inverse.changes.map((change, i): RevertStep => ({
      kind: change.kind,
      summary: describe(change),
      ...risks[i]!,
      change,
      ...(restoresRows !== undefined && change.kind === 'addField' ? { restoresRows } : {}),
    }));
    return { revert, changes, archived, table: entity?.table };
  }
}

/** Later changes that need the entity `name`: they change it, relate to it, grant on it, or hold rules or workflows on it. */
function dependents(name: string, later: readonly Customisation[], names: NameBook, describe: (c: Customisation) => string): RevertReason[] {
  const relatesTo = (c: Customisation) =>
    (c.kind === 'addField' ? [c.field] : c.kind === 'addEntity' ? c.entity.fields : []).some((f) => f.type === 'relation' && f.target === name);
  return later
    .filter((c) => relatesTo(c) || mappingOf(withoutLocal(c)).entities(withoutLocal(c), names).includes(name))
    .map((c) => ({ code: 'KITH_REVERT_DEPENDENT', field: `#${c.seq}`, message: `#${c.seq} (${describe(c)}) depends on ${name}.` }));
}

/** The columns removing a field archived, by the removal's sequence number (`c_region__removed_12`). */
async function archivedColumns(db: SqlExecutor, entity: string, seq: number): Promise<ArchivedColumn[]> {
  const params = new Params(db.dialect);
  const rows = await db.all(`SELECT "column_name", "archived_as" FROM "kith_removed_column" WHERE "entity" = ${params.add(entity)} ORDER BY "id"`, params.values);
  return rows.map(([column, archivedAs]) => ({ column: String(column), archivedAs: String(archivedAs) })).filter((c) => c.archivedAs === `${c.column}__removed_${seq}`);
}

/** Rows holding a value in the archived columns; 0 when they are gone (an operator dropped them). */
async function rowsWithValues(db: SqlExecutor, table: string, archived: readonly ArchivedColumn[]): Promise<number> {
  if (archived.length === 0) return 0;
  try {
    const rows = await db.all(`SELECT COUNT(*) FROM ${quote(table)} WHERE ${archived.map((c) => `${quote(c.archivedAs)} IS NOT NULL`).join(' OR ')}`, []);
    return Number(rows[0]?.[0] ?? 0);
  } catch {
    return 0;
  }
}

/** Copies archived values back into the re-added field's columns, in the revert's transaction; the archive stays. */
async function copyBack(tx: SqlExecutor, table: string | undefined, archived: readonly ArchivedColumn[]): Promise<void> {
  if (table === undefined || archived.length === 0) return;
  await tx.run(`UPDATE ${quote(table)} SET ${archived.map((c) => `${quote(c.column)} = ${quote(c.archivedAs)}`).join(', ')}`, []);
}
