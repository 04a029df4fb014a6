import type { RecordInput } from '@kith/sdk';
import { FULL_ACCESS, type EntityAccess } from '../acl/entity-access.js';
import { allInScope, checkWritableFields, withDefaultOwner } from '../acl/write-guard.js';
import { auditLog } from '../audit/audit-log.js';
import { Errors, type ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { assertRules } from '../rules/validation-rule-evaluate.js';
import type { Actor } from './actor.js';
import { applyComputedFields, computedFields } from './computed-fields.js';
import type { SqlExecutor } from './database.js';
import { translateDbError } from './db-errors.js';
import { loadParents } from './formula-parents.js';
import { checkInput } from './record-input.js';
import { emptyRollupValues } from './rollup-sql.js';
import { rowShape, type RecordRow } from './row-mapper.js';
import { Params, quote } from './sql.js';
import { notifyObservers, type WriteObserver } from './write-observer.js';

/** Largest bulk create. */
export const MAX_BULK_ROWS = 1000;
const MAX_PARAMS_PER_STATEMENT = 30_000;

/** Column name → driver value for the fields in `values`. */
function toColumnValues(entity: CompiledEntity, values: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of values) {
    const field = entity.fieldsByName.get(name)!;
    const parts = value === null ? field.columns.map(() => null) : field.type.toColumns(field.def, value);
    field.columns.forEach((c, i) => out.set(c.name, c.codec.toDb(parts[i] ?? null)));
  }
  return out;
}

/**
 * The write half of the record service: validated, normalised input → one SQL statement
 * per row inside the caller's transaction, with system fields, optimistic locking and soft
 * delete. Validation rules run on each record as it would be stored, before its statement.
 * Every statement returns the stored row, so the response is what the database holds,
 * and the audit entry of each write (old and new stored values) goes into the same transaction.
 */
export class RecordWriter {
  /** `observers` react to every write inside its transaction (roll-ups, workflow triggers). */
  constructor(private readonly observers: readonly WriteObserver[] = []) {}

  /** Creates records (one or many, all or nothing). */
  async create(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, input: readonly RecordInput[], actor: Actor, access: EntityAccess = FULL_ACCESS): Promise<RecordRow[]> {
    if (!access.create.allowed) throw Errors.forbidden(`create ${entity.name} records`);
    for (const body of input) checkWritableFields(entity, body, access);
    const bodies = input.map((b) => withDefaultOwner(entity, b, actor.userId));
    const now = new Date().toISOString();
    const checked = bodies.map((b) => checkInput(entity, b, 'create', { now, userId: actor.userId }));
    const errors = checked.flatMap((c, index) => c.errors.map((e): ErrorDetail => (bodies.length > 1 ? { ...e, index } : e)));
    if (errors.length > 0) throw bodies.length > 1 ? Errors.bulkFailed(entity.name, errors) : Errors.validationFailed(entity.name, errors);
    await this.checkReferences(tx, model, entity, checked.map((c) => c.values));
    const computed = computedFields(entity);
    // A new record has no children yet: its roll-ups start at their empty values.
    const rollups = emptyRollupValues(entity);
    const records = checked.map((c): RecordRow => ({ ...Object.fromEntries(rollups), ...Object.fromEntries(c.values) }));
    if (computed.length > 0) {
      const parents = await loadParents(tx, model, entity, records);
      for (const record of records) applyComputedFields(entity, record, parents);
    }
    // Validation rules see each record as it would be stored, before anything is written.
    assertRules(entity, records, { id: null, version: 1, createdAt: now, updatedAt: now, createdBy: actor.userId, updatedBy: actor.userId });
    const rows = checked.map((c, i) => {
      const values = new Map([...rollups, ...c.values]);
      for (const f of computed) values.set(f.name, records[i]![f.name] ?? null);
      return toColumnValues(entity, values);
    });
    const columns = [...new Set(rows.flatMap((r) => [...r.keys()]))];
    const allColumns = ['version', 'created_at', 'updated_at', 'created_by', 'updated_by', ...columns];
    const shape = rowShape(entity, undefined, '');
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / allColumns.length));
    const created: RecordRow[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const params = new Params(tx.dialect);
      const tuples = chunk.map(
        (row) => `(${[1, now, now, actor.userId, actor.userId, ...columns.map((c) => (row.has(c) ? row.get(c) : null))].map((v) => params.add(v)).join(', ')})`,
      );
      const sql = `INSERT INTO ${quote(entity.table)} (${allColumns.map(quote).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${shape.selectList}`;
      const result = await guard(entity, () => tx.all(sql, params.values));
      created.push(...result.map((r) => shape.map(r)).sort((a, b) => (a.id as number) - (b.id as number)));
    }
    // A record created outside the caller's create scope (someone else's, another team's) is refused.
    if (!(await allInScope(tx, model, entity, created.map((r) => r.id as number), access.create.filter))) {
      throw Errors.forbidden(`create ${entity.name} records for other owners or outside your scope`);
    }
    await auditLog.created(tx, entity, created, actor, now);
    await notifyObservers(this.observers, { tx, model, entity, actor, changes: created.map((after) => ({ op: 'create', before: undefined, after })) });
    return created;
  }

  /** Updates a record if `version` is still current. */
  async update(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, id: number, body: RecordInput, version: number, actor: Actor, access: EntityAccess = FULL_ACCESS): Promise<{ before: RecordRow; after: RecordRow }> {
    const before = await this.current(tx, entity, id);
    await this.checkReach(tx, model, entity, id, access, 'edit');
    checkWritableFields(entity, body, access);
    const { values, errors } = checkInput(entity, body, 'update');
    if (errors.length > 0) throw Errors.validationFailed(entity.name, errors);
    if (before.version !== version) throw Errors.versionConflict(entity.name, id, version, before.version as number);
    await this.checkReferences(tx, model, entity, [values]);
    const next = new Map(values);
    const computed = computedFields(entity);
    const record: RecordRow = { ...before, ...Object.fromEntries(values) };
    if (computed.length > 0) {
      applyComputedFields(entity, record, await loadParents(tx, model, entity, [record]));
      for (const f of computed) next.set(f.name, record[f.name] ?? null);
    }
    const now = new Date().toISOString();
    assertRules(entity, [record], { version: version + 1, updatedAt: now, updatedBy: actor.userId });
    const columns = toColumnValues(entity, next);
    const params = new Params(tx.dialect);
    const sets = [`"version" = "version" + 1`, `"updated_at" = ${params.add(now)}`, `"updated_by" = ${params.add(actor.userId)}`];
    for (const [column, value] of columns) sets.push(`${quote(column)} = ${params.add(value)}`);
    const shape = rowShape(entity, undefined, '');
    const sql =
      `UPDATE ${quote(entity.table)} SET ${sets.join(', ')} WHERE "id" = ${params.add(id)} AND "version" = ${params.add(version)}` +
      ` AND ${quote(DELETED_AT_COLUMN)} IS NULL RETURNING ${shape.selectList}`;
    const rows = await guard(entity, () => tx.all(sql, params.values));
    if (!rows[0]) {
      const now = await this.current(tx, entity, id);
      throw Errors.versionConflict(entity.name, id, version, now.version as number);
    }
    const after = shape.map(rows[0]);
    // No moving a record out of your own scope (into someone else's hands, another region).
    if (!(await allInScope(tx, model, entity, [id], access.edit.filter))) {
      throw Errors.forbidden(`move this ${entity.name} out of the records you may edit`);
    }
    await auditLog.updated(tx, entity, before, after, actor);
    await notifyObservers(this.observers, { tx, model, entity, actor, changes: [{ op: 'update', before, after }] });
    return { before, after };
  }

  /** Soft-deletes a record (restorable). */
  async delete(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, id: number, actor: Actor, version?: number, access: EntityAccess = FULL_ACCESS): Promise<RecordRow> {
    const before = await this.current(tx, entity, id);
    await this.checkReach(tx, model, entity, id, access, 'delete');
    if (version !== undefined && before.version !== version) throw Errors.versionConflict(entity.name, id, version, before.version as number);
    const params = new Params(tx.dialect);
    const now = new Date().toISOString();
    // The version read above is re-checked in the UPDATE, so a concurrent edit is never deleted unseen.
    const changed = await tx.run(
      `UPDATE ${quote(entity.table)} SET ${quote(DELETED_AT_COLUMN)} = ${params.add(now)}, "version" = "version" + 1, "updated_at" = ${params.add(now)}, "updated_by" = ${params.add(actor.userId)} WHERE "id" = ${params.add(id)} AND "version" = ${params.add(before.version)} AND ${quote(DELETED_AT_COLUMN)} IS NULL`,
      params.values,
    );
    if (changed === 0) {
      const now2 = await this.current(tx, entity, id);
      throw Errors.versionConflict(entity.name, id, version ?? (before.version as number), now2.version as number);
    }
    await auditLog.deleted(tx, entity, id, actor, now);
    await notifyObservers(this.observers, { tx, model, entity, actor, changes: [{ op: 'delete', before, after: undefined }] });
    return before;
  }

  /** Brings a soft-deleted record back. */
  async restore(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, id: number, actor: Actor, access: EntityAccess = FULL_ACCESS): Promise<RecordRow> {
    // Whoever may delete a record may undo the delete.
    if (!(await allInScope(tx, model, entity, [id], access.read.allowed ? access.read.filter : { id: -1 }))) throw Errors.recordNotFound(entity.name, id);
    if (!access.delete.allowed || !(await allInScope(tx, model, entity, [id], access.delete.filter))) throw Errors.forbidden(`restore this ${entity.name}`);
    const params = new Params(tx.dialect);
    const shape = rowShape(entity, undefined, '');
    const rows = await tx.all(
      `UPDATE ${quote(entity.table)} SET ${quote(DELETED_AT_COLUMN)} = NULL, "version" = "version" + 1, "updated_at" = ${params.add(new Date().toISOString())}, "updated_by" = ${params.add(actor.userId)} WHERE "id" = ${params.add(id)} AND ${quote(DELETED_AT_COLUMN)} IS NOT NULL RETURNING ${shape.selectList}`,
      params.values,
    );
    if (rows[0]) {
      const restored = shape.map(rows[0]);
      await auditLog.restored(tx, entity, restored, actor);
      await notifyObservers(this.observers, { tx, model, entity, actor, changes: [{ op: 'restore', before: undefined, after: restored }] });
      return restored;
    }
    await this.current(tx, entity, id);
    throw Errors.recordNotDeleted(entity.name, id);
  }

  /** A record the caller cannot read is a 404 (its existence is not revealed); one they can read but not `op` is a 403. */
  private async checkReach(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, id: number, access: EntityAccess, op: 'edit' | 'delete'): Promise<void> {
    if (!access.read.allowed || !(await allInScope(tx, model, entity, [id], access.read.filter))) throw Errors.recordNotFound(entity.name, id);
    if (!access[op].allowed || !(await allInScope(tx, model, entity, [id], access[op].filter))) throw Errors.forbidden(`${op} this ${entity.name}`);
  }

  /** The live record as stored, inside the transaction; 404 when absent or deleted. */
  private async current(tx: SqlExecutor, entity: CompiledEntity, id: number): Promise<RecordRow> {
    const shape = rowShape(entity, undefined, '');
    const params = new Params(tx.dialect);
    const rows = await tx.all(`SELECT ${shape.selectList} FROM ${quote(entity.table)} WHERE "id" = ${params.add(id)} AND ${quote(DELETED_AT_COLUMN)} IS NULL`, params.values);
    if (!rows[0]) throw Errors.recordNotFound(entity.name, id);
    return shape.map(rows[0]);
  }

  /** Every relation value must point at a live record of its target. */
  private async checkReferences(tx: SqlExecutor, model: CompiledModel, entity: CompiledEntity, rows: readonly ReadonlyMap<string, unknown>[]): Promise<void> {
    const errors: ErrorDetail[] = [];
    for (const field of entity.fields) {
      if (field.def.type !== 'relation') continue;
      const ids = new Set<number>();
      for (const row of rows) {
        const v = row.get(field.name);
        if (typeof v === 'number') ids.add(v);
      }
      if (ids.size === 0) continue;
      const target = model.entities.get(field.def.target!)!;
      const params = new Params(tx.dialect);
      const found = await tx.all(
        `SELECT "id" FROM ${quote(target.table)} WHERE "id" IN (${[...ids].map((id) => params.add(id)).join(', ')}) AND ${quote(DELETED_AT_COLUMN)} IS NULL`,
        params.values,
      );
      const existing = new Set(found.map((r) => Number(r[0])));
      rows.forEach((row, index) => {
        const v = row.get(field.name);
        if (typeof v === 'number' && !existing.has(v)) {
          errors.push({ field: field.name, code: 'KITH_REFERENCE_NOT_FOUND', message: `${field.name} points to ${target.name} ${v}, which does not exist.`, ...(rows.length > 1 ? { index } : {}) });
        }
      });
    }
    if (errors.length > 0) throw rows.length > 1 ? Errors.bulkFailed(entity.name, errors) : Errors.validationFailed(entity.name, errors);
  }
}

async function guard<T>(entity: CompiledEntity, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDbError(entity, error) ?? error;
  }
}
