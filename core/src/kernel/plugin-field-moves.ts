import type { FieldDefinition } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { Params, quote } from '../data/sql.js';
import { columnBaseOf } from '../metadata/compile/naming.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import type { Customisation } from '../metadata/customisation.js';

/** What moving a renamed field's values did. */
export interface FieldMove {
  readonly entity: string;
  readonly from: string;
  readonly to: string;
  /** Rows whose values moved. */
  readonly rows: number;
  /** The old columns, kept under these names (recorded in `kith_removed_column`). */
  readonly archived: readonly string[];
}

/**
 * Moves the values of a renamed field from its old columns (`<old name>` plus the type's
 * suffixes) into the new field's columns, inside the upgrade's transaction, then keeps the old
 * columns under an archived name recorded in `kith_removed_column` — never dropped, and never
 * found again by a later field that reuses the old name. Rows that already hold a value in the
 * new field keep it. Nothing to move (no old column) is not an error: the rename may have run.
 */
export async function moveFieldValues(tx: SqlExecutor, entity: CompiledEntity, to: CompiledField, from: string, oldDef: FieldDefinition, tag: string): Promise<FieldMove> {
  const existing = await tableColumns(tx, entity.table);
  const oldBase = columnBaseOf({ name: from, source: to.def.source });
  const pairs = to.columns.map((c) => ({ from: `${oldBase}${c.spec.suffix}`, to: c.name })).filter((p) => existing.has(p.from));
  if (pairs.length === 0) return { entity: entity.name, from, to: to.name, rows: 0, archived: [] };
  const missing = pairs.filter((p) => !existing.has(p.to)).map((p) => p.to);
  if (missing.length > 0) throw new Error(`the new column(s) ${missing.join(', ')} of ${entity.name}.${to.name} do not exist`);
  const table = quote(entity.table);
  const rows = await tx.run(
    `UPDATE ${table} SET ${pairs.map((p) => `${quote(p.to)} = ${quote(p.from)}`).join(', ')}` +
      ` WHERE (${pairs.map((p) => `${quote(p.from)} IS NOT NULL`).join(' OR ')}) AND ${pairs.map((p) => `${quote(p.to)} IS NULL`).join(' AND ')}`,
    [],
  );
  const archived: string[] = [];
  for (const p of pairs) {
    const name = `${p.from}__renamed_${tag}`.slice(0, 63);
    await tx.run(`ALTER TABLE ${table} RENAME COLUMN ${quote(p.from)} TO ${quote(name)}`, []);
    const params = new Params(tx.dialect);
    await tx.run(
      `INSERT INTO "kith_removed_column" ("entity", "field", "column_name", "archived_as", "removed_at", "removed_by") VALUES (${params.add(entity.name)}, ${params.add(JSON.stringify(oldDef))}, ${params.add(p.from)}, ${params.add(name)}, ${params.add(new Date().toISOString())}, NULL)`,
      params.values,
    );
    archived.push(name);
  }
  return { entity: entity.name, from, to: to.name, rows, archived };
}

/** The column names of a table in the current schema. */
export async function tableColumns(db: SqlExecutor, table: string): Promise<Set<string>> {
  const p = new Params(db.dialect);
  const sql =
    db.dialect === 'sqlite'
      ? `SELECT "name" FROM pragma_table_info(${p.add(table)})`
      : `SELECT "column_name" FROM information_schema.columns WHERE "table_schema" = current_schema() AND "table_name" = ${p.add(table)}`;
  return new Set((await db.all(sql, p.values)).map(([name]) => String(name)));
}

/**
 * Stores customisations that followed a rename: their field id and payload, serialised as
 * `customisationStore.append` does (the target ids live in their own columns, the rest in the payload).
 */
export async function storeFollowed(tx: SqlExecutor, changed: readonly Customisation[]): Promise<void> {
  for (const c of changed) {
    const { kind: _kind, seq, createdAt: _at, createdBy: _by, ...rest } = c as Customisation & { entityId?: string; fieldId?: string; roleId?: string; ruleId?: string };
    const { entityId: _e, fieldId, roleId: _r, ruleId: _u, ...payload } = rest as typeof rest & { entityId?: string; fieldId?: string; roleId?: string; ruleId?: string };
    const storedFieldId = c.kind === 'addField' ? c.field.id : (fieldId ?? null);
    const p = new Params(tx.dialect);
    await tx.run(`UPDATE "kith_customisation" SET "field_id" = ${p.add(storedFieldId)}, "payload" = ${p.add(JSON.stringify(payload))} WHERE "seq" = ${p.add(seq)}`, p.values);
  }
}
