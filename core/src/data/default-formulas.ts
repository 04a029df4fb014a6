import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { ErrorDetail } from '../errors/index.js';
import '../metadata/compile/typebox-kinds.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import { compileExpression, type CompiledExpression } from '../rules/index.js';

/** When and by whom a record is created: what a default formula may read besides the input. */
export interface DefaultContext {
  /** The creation instant (ISO 8601, UTC). */
  readonly now: string;
  /** The creating user, or null for the system. */
  readonly userId: number | null;
}

const compiled = new WeakMap<CompiledField, CompiledExpression>();
const schemas = new WeakMap<CompiledField, TypeCheck<TSchema>>();
const withFormula = new WeakMap<CompiledEntity, readonly CompiledField[]>();

/** The entity's writable fields with a default formula, in definition order. */
export function defaultFormulaFields(entity: CompiledEntity): readonly CompiledField[] {
  let fields = withFormula.get(entity);
  if (!fields) {
    fields = entity.fields.filter((f) => !f.type.readOnly && f.def.defaultFormula !== undefined && f.def.defaultFormula !== null);
    withFormula.set(entity, fields);
  }
  return fields;
}

function formulaOf(field: CompiledField): CompiledExpression {
  let expr = compiled.get(field);
  if (!expr) {
    expr = compileExpression(field.def.defaultFormula);
    compiled.set(field, expr);
  }
  return expr;
}

/** The field's input schema, compiled once: a formula's result is checked like a value a client sent. */
function schemaOf(field: CompiledField): TypeCheck<TSchema> {
  let check = schemas.get(field);
  if (!check) {
    check = TypeCompiler.Compile(field.type.inputSchema(field.def));
    schemas.set(field, check);
  }
  return check;
}

/**
 * Fills the fields in `leftOut` that have a default formula, in definition order, each
 * evaluated over the input's normalised values (earlier defaults included), `$now`, `$today`
 * and `$user`. The result is checked like input; a formula that fails, or gives a value the
 * field refuses, is a problem naming the field. A null result leaves the field empty (and a
 * required one missing).
 */
export function applyDefaultFormulas(entity: CompiledEntity, values: Map<string, unknown>, leftOut: ReadonlySet<string>, context: DefaultContext): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const fields = defaultFormulaFields(entity).filter((f) => leftOut.has(f.name));
  if (fields.length === 0) return problems;
  const data: Record<string, unknown> = { ...Object.fromEntries(values), $now: context.now, $today: context.now.slice(0, 10), $user: context.userId };
  for (const field of fields) {
    const label = `${field.def.label.en} (${field.name})`;
    let result: unknown;
    try {
      result = formulaOf(field).evaluate(data);
    } catch (error) {
      problems.push({ field: field.name, code: 'KITH_DEFAULT_FORMULA_FAILED', message: `The default formula of ${label} failed: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (result === null || result === undefined) {
      if (field.def.required) problems.push({ field: field.name, code: 'KITH_FIELD_REQUIRED', message: `${label} is required on ${entity.name}, and its default formula gave no value.` });
      continue;
    }
    const checked = schemaOf(field).Check(result) ? field.type.normalise(field.def, result) : { ok: false as const, message: `it does not fit ${/^[aeiou]/.test(field.def.type) ? 'an' : 'a'} ${field.def.type} field` };
    if (!checked.ok) {
      problems.push({ field: field.name, code: 'KITH_DEFAULT_FORMULA_FAILED', message: `The default formula of ${label} gave ${JSON.stringify(result)?.slice(0, 60)}, which it cannot hold: ${checked.message}` });
      continue;
    }
    values.set(field.name, checked.value);
    data[field.name] = checked.value;
  }
  return problems;
}
