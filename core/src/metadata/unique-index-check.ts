import type { IndexDefinition } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { quote } from '../data/sql.js';
import { KithError } from '../errors/index.js';
import type { CompiledEntity } from './compile/compiled-types.js';

/**
 * The columns a unique index covers (as to-entity-schema.ts builds it: a composite by its main
 * column); undefined when a field is not stored yet (a new, empty column has no duplicates).
 */
function indexColumns(entity: CompiledEntity, index: IndexDefinition): string[] | undefined {
  const columns: string[] = [];
  for (const name of index.fields) {
    if (name === 'createdAt' || name === 'updatedAt') {
      columns.push(name === 'createdAt' ? 'created_at' : 'updated_at');
      continue;
    }
    const field = entity.fieldsByName.get(name);
    if (!field) return undefined;
    columns.push(...(field.primary ? [field.primary.name] : field.columns.map((c) => c.name)));
  }
  return columns;
}

/**
 * Rows that share their values in the index's columns with another row, deleted rows
 * included (the database index covers them too). Rows with a NULL in any column never clash.
 */
export async function duplicateRows(db: SqlExecutor, entity: CompiledEntity, index: IndexDefinition): Promise<number> {
  const columns = indexColumns(entity, index)?.map(quote) ?? [];
  if (columns.length === 0) return 0;
  const rows = await db.all(
    `SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM ${quote(entity.table)} WHERE ${columns.map((c) => `${c} IS NOT NULL`).join(' AND ')} GROUP BY ${columns.join(', ')} HAVING COUNT(*) > 1) d`,
    [],
  );
  return Number(rows[0]?.[0] ?? 0);
}

/** Refuses a unique index that the stored rows would break, instead of letting the database fail it. */
export async function checkUniqueIndex(db: SqlExecutor, entity: CompiledEntity, index: IndexDefinition): Promise<void> {
  const rows = await duplicateRows(db, entity, index);
  if (rows === 0) return;
  const fields = index.fields.join(' + ');
  throw new KithError({
    code: 'KITH_METADATA_UNIQUE_VIOLATED',
    status: 409,
    field: index.fields[0]!,
    message: `${rows} ${entity.name} record${rows === 1 ? '' : 's'} share${rows === 1 ? 's' : ''} a ${fields} with another record (deleted records count too), so a unique index on ${fields} cannot be built yet. Make the values differ, then try again.`,
    extra: { violations: rows },
  });
}
