import type { ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import { formulaReads } from '../metadata/formula-reads.js';
import { compileExpression, type CompiledExpression } from '../rules/index.js';
import { withParents, type ParentRows } from './formula-parents.js';
import type { RecordRow } from './row-mapper.js';

const compiled = new WeakMap<CompiledField, CompiledExpression>();
const throughOf = new WeakMap<CompiledField, readonly string[]>();

/** The relations a formula reads through (`company` for `company.industry`): only those become parent records in its data. */
function relationsReadThrough(entity: CompiledEntity, field: CompiledField): readonly string[] {
  let through = throughOf.get(field);
  if (!through) {
    through = [...formulaReads(entity.def, field.def.formula).parents.keys()];
    throughOf.set(field, through);
  }
  return through;
}

function formulaOf(field: CompiledField): CompiledExpression {
  let expr = compiled.get(field);
  if (!expr) {
    expr = compileExpression(field.def.formula);
    compiled.set(field, expr);
  }
  return expr;
}

const computedOf = new WeakMap<CompiledEntity, readonly CompiledField[]>();

/** The entity's computed fields, in definition order. */
export function computedFields(entity: CompiledEntity): readonly CompiledField[] {
  let fields = computedOf.get(entity);
  if (!fields) {
    fields = entity.fields.filter((f) => f.def.type === 'computed');
    computedOf.set(entity, fields);
  }
  return fields;
}

/**
 * Evaluates every computed field over the record as it will be stored and writes the results
 * into `record`, in definition order. A formula that reads through a relation
 * (`company.industry`) sees the parent record from `parents` (see formula-parents.ts) under the
 * relation's name; the others see the relation's id there. A formula that fails or yields a
 * value of the wrong type stores null and reports why, so one bad formula never blocks
 * unrelated writes silently.
 */
export function applyComputedFields(entity: CompiledEntity, record: RecordRow, parents?: ParentRows): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of computedFields(entity)) {
    const through = parents ? relationsReadThrough(entity, field) : [];
    const data = through.length > 0 ? withParents(record, parents, through) : record;
    let result: unknown;
    try {
      result = formulaOf(field).evaluate(data);
    } catch (error) {
      problems.push({ field: field.name, code: 'KITH_FORMULA_FAILED', message: `The formula of ${field.name} failed: ${(error as Error).message}` });
      record[field.name] = null;
      continue;
    }
    if (result === null || result === undefined || (typeof result === 'number' && !Number.isFinite(result))) {
      record[field.name] = null;
      continue;
    }
    const checked = field.type.normalise(field.def, result);
    record[field.name] = checked.ok ? checked.value : null;
  }
  return problems;
}
