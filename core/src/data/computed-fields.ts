import type { ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import { compileExpression, type CompiledExpression } from '../rules/index.js';
import type { RecordRow } from './row-mapper.js';

const compiled = new WeakMap<CompiledField, CompiledExpression>();

function formulaOf(field: CompiledField): CompiledExpression {
  let expr = compiled.get(field);
  if (!expr) {
    expr = compileExpression(field.def.formula);
    compiled.set(field, expr);
  }
  return expr;
}

/** The entity's computed fields, in definition order. */
export function computedFields(entity: CompiledEntity): CompiledField[] {
  return entity.fields.filter((f) => f.def.type === 'computed');
}

/**
 * Evaluates every computed field over the record as it will be stored and writes the results
 * into `record`. A formula that fails or yields a value of the wrong type stores null and
 * reports why, so one bad formula never blocks unrelated writes silently.
 */
export function applyComputedFields(entity: CompiledEntity, record: RecordRow): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of computedFields(entity)) {
    let result: unknown;
    try {
      result = formulaOf(field).evaluate(record);
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
