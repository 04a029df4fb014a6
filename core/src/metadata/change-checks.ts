import type { FieldDefinition } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { Params, quote } from '../data/sql.js';
import { Errors } from '../errors/index.js';
import type { CompiledEntity, CompiledField } from './compile/compiled-types.js';
import { DELETED_AT_COLUMN } from './compile/system-columns.js';
import type { FieldChanges } from './customisation.js';

async function count(db: SqlExecutor, entity: CompiledEntity, condition: string, params: Params): Promise<number> {
  const rows = await db.all(`SELECT COUNT(*) FROM ${quote(entity.table)} t WHERE t.${quote(DELETED_AT_COLUMN)} IS NULL AND (${condition})`, params.values);
  return Number(rows[0]?.[0] ?? 0);
}

/**
 * Checks a field change against the data already stored. Making a field required is refused
 * while records lack it; narrowing (shorter maxLength, tighter bounds, removed options) needs
 * `confirm` and is refused while stored values would no longer fit, so no value is ever
 * silently cut or lost.
 */
export async function checkFieldChange(
  db: SqlExecutor,
  entity: CompiledEntity,
  field: CompiledField,
  changes: FieldChanges,
  confirm: boolean,
): Promise<void> {
  const def: FieldDefinition = field.def;
  const main = field.columns[0]!;
  const c = `t.${quote(main.name)}`;
  if (changes.required === true && !def.required) {
    const params = new Params(db.dialect);
    const missing = await count(db, entity, field.columns.map((x) => `t.${quote(x.name)} IS NULL`).join(' AND '), params);
    if (missing > 0) throw Errors.requiredViolated(entity.name, field.name, missing);
  }
  const narrowing: { what: string; condition: string; params: Params }[] = [];
  if (changes.maxLength !== undefined && changes.maxLength < (def.maxLength ?? Number.POSITIVE_INFINITY)) {
    const params = new Params(db.dialect);
    narrowing.push({ what: `shortening ${field.name} to ${changes.maxLength} characters`, condition: `LENGTH(${c}) > ${params.add(changes.maxLength)}`, params });
  }
  if (changes.min !== undefined && changes.min > (def.min ?? Number.NEGATIVE_INFINITY)) {
    const params = new Params(db.dialect);
    narrowing.push({ what: `raising the minimum of ${field.name} to ${changes.min}`, condition: `${c} < ${params.add(changes.min)}`, params });
  }
  if (changes.max !== undefined && changes.max < (def.max ?? Number.POSITIVE_INFINITY)) {
    const params = new Params(db.dialect);
    narrowing.push({ what: `lowering the maximum of ${field.name} to ${changes.max}`, condition: `${c} > ${params.add(changes.max)}`, params });
  }
  if (changes.removeOptions && changes.removeOptions.length > 0) {
    const params = new Params(db.dialect);
    const values = changes.removeOptions;
    const condition =
      def.type === 'multiSelect'
        ? db.dialect === 'postgresql'
          ? `${c} ?| ${params.add(values)}::text[]`
          : `EXISTS (SELECT 1 FROM json_each(${c}) WHERE json_each.value IN (${values.map((v) => params.add(v)).join(', ')}))`
        : `${c} IN (${values.map((v) => params.add(v)).join(', ')})`;
    narrowing.push({ what: `removing the option(s) ${values.join(', ')} from ${field.name}`, condition, params });
  }
  for (const n of narrowing) {
    const violations = await count(db, entity, n.condition, n.params);
    if (violations > 0) {
      throw Errors.changeNotAllowed(
        `Cannot go ahead with ${n.what}`,
        `${violations} ${entity.name} record(s) hold values that would no longer fit. Change or clear those values first; nothing was changed.`,
        field.name,
      );
    }
    if (!confirm) throw Errors.confirmationRequired(n.what.charAt(0).toUpperCase() + n.what.slice(1), 'values outside the new limits could no longer be entered.');
  }
}
