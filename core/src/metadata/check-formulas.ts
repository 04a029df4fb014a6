import { SYSTEM_FIELDS, type EntityDefinition, type FieldDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';
import { collectVariables } from '../rules/expression-variables.js';
import { checkExpression } from '../rules/index.js';

/** Detail codes of formula problems. An unknown field is tolerated in stored metadata (it reads null), never in a new change. */
export const FormulaCodes = {
  invalid: 'KITH_FORMULA_INVALID',
  unknownField: 'KITH_FORMULA_UNKNOWN_FIELD',
} as const;

/** What a default formula may read besides the input's fields: when, and who, the record is created. */
export const DEFAULT_FORMULA_VARIABLES = ['$now', '$today', '$user'] as const;

const SYSTEM = new Set<string>(SYSTEM_FIELDS);
const isField = (entity: EntityDefinition, name: string) => SYSTEM.has(name) || entity.fields.some((f) => f.name === name);
const known = (entity: EntityDefinition) => entity.fields.map((f) => f.name).join(', ');

/**
 * Problems with the formulas of one entity: computed fields (over the record and, through a
 * relation, `company.industry`, its many-to-one parents) and default formulas (over the input,
 * `$now`, `$today` and `$user`). Each is named by its path, e.g. `deal.weighted.formula`.
 */
export function formulaProblems(entity: EntityDefinition, byName: ReadonlyMap<string, EntityDefinition>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of entity.fields) {
    if (field.type === 'computed' && field.formula !== undefined) {
      problems.push(...expressionProblems(entity, field, 'formula', field.formula, (variable, at) => computedVariableProblem(entity, variable, byName, at)));
      problems.push(...mixedRelationReads(entity, field));
    }
    if (field.defaultFormula !== undefined && field.defaultFormula !== null) {
      problems.push(...expressionProblems(entity, field, 'defaultFormula', field.defaultFormula, (variable, at) => defaultVariableProblem(entity, variable, at)));
    }
  }
  return problems;
}

type VariableCheck = (variable: string, at: string) => ErrorDetail | undefined;

/** `deal.weighted.formula` → `The formula of deal.weighted`, for messages. */
const subject = (at: string) => {
  const parts = at.split('.');
  return `The ${parts[2] === 'formula' ? 'formula' : 'default formula'} of ${parts[0]}.${parts[1]}`;
};

function expressionProblems(entity: EntityDefinition, field: FieldDefinition, key: 'formula' | 'defaultFormula', expression: unknown, checkVariable: VariableCheck): ErrorDetail[] {
  const at = `${entity.name}.${field.name}.${key}`;
  const found = checkExpression(expression);
  // An expression the evaluator refuses is not walked further: its variables cannot be trusted.
  if (found.length > 0) return found.map((p) => ({ field: at, code: FormulaCodes.invalid, message: `The ${key === 'formula' ? 'formula' : 'default formula'} of ${entity.name}.${field.name}: ${p.message}` }));
  return collectVariables(expression).variables.flatMap((v) => checkVariable(v, at) ?? []);
}

function computedVariableProblem(entity: EntityDefinition, variable: string, byName: ReadonlyMap<string, EntityDefinition>, at: string): ErrorDetail | undefined {
  const [head, next, third] = variable.split('.') as [string, string | undefined, string | undefined];
  if (!isField(entity, head)) {
    return { field: at, code: FormulaCodes.unknownField, message: `${subject(at)} reads "${variable}", but "${head}" is not a field of ${entity.name}. Known fields: ${known(entity)}.` };
  }
  const relation = entity.fields.find((f) => f.name === head && f.type === 'relation');
  if (!relation || next === undefined) return undefined;
  const parent = byName.get(relation.target ?? '');
  if (!parent) return undefined; // the relation's own check reports the missing target
  if (!isField(parent, next)) {
    return { field: at, code: FormulaCodes.unknownField, message: `${subject(at)} reads "${variable}", but "${next}" is not a field of ${parent.name} (the target of ${head}). Known fields: ${known(parent)}.` };
  }
  const parentField = parent.fields.find((f) => f.name === next);
  if (third !== undefined && parentField?.type === 'relation') {
    return {
      field: at,
      code: FormulaCodes.invalid,
      message: `${subject(at)} reads "${variable}", two relations deep; a formula reads its own record and its direct parents. Add a formula on ${parent.name} that reads ${next}.${third}, and read that one.`,
    };
  }
  return undefined;
}

function defaultVariableProblem(entity: EntityDefinition, variable: string, at: string): ErrorDetail | undefined {
  const [head, next] = variable.split('.') as [string, string | undefined];
  if ((DEFAULT_FORMULA_VARIABLES as readonly string[]).includes(head)) return undefined;
  const field = entity.fields.find((f) => f.name === head);
  if (!field) {
    return {
      field: at,
      code: FormulaCodes.unknownField,
      message: `${subject(at)} reads "${variable}", but "${head}" is not a field of ${entity.name}; a default formula reads the input's fields, ${DEFAULT_FORMULA_VARIABLES.join(', ')}. Known fields: ${known(entity)}.`,
    };
  }
  if (field.type === 'relation' && next !== undefined) {
    return { field: at, code: FormulaCodes.invalid, message: `${subject(at)} reads "${variable}" through a relation; a default formula reads the input only (${head} is the id sent).` };
  }
  return undefined;
}

/** A formula that reads `company.industry` sees the parent record under `company`, so the bare `company` is no longer its id. */
function mixedRelationReads(entity: EntityDefinition, field: FieldDefinition): ErrorDetail[] {
  const variables = collectVariables(field.formula).variables;
  const at = `${entity.name}.${field.name}.formula`;
  const relations = new Set(variables.filter((v) => v.includes('.')).map((v) => v.split('.')[0]!).filter((h) => entity.fields.some((f) => f.name === h && f.type === 'relation')));
  return variables
    .filter((v) => relations.has(v))
    .map((v) => ({ field: at, code: FormulaCodes.invalid, message: `${subject(at)} reads both "${v}" and fields of the ${v} record; write "${v}.id" for its id.` }));
}
