import type { EntityDefinition, FieldDefinition, RollupDefinition, RollupResultType } from '@kith/sdk';
import { conditionToFilter } from '../acl/condition-to-filter.js';
import { filterToSql } from '../data/filter-to-sql.js';
import { Params } from '../data/sql.js';
import type { ErrorDetail } from '../errors/index.js';
import { isKithError } from '../errors/index.js';
import { collectVariables } from '../rules/expression-variables.js';
import { compileModel } from './compile/compile-model.js';
import { rollupResultType } from './field-types/rollup.js';
import { resolveRollupLink } from './rollup-links.js';

/** Detail code of every roll-up problem. */
export const ROLLUP_INVALID = 'KITH_ROLLUP_INVALID';

type ValueKind = 'integer' | 'decimal' | 'date' | 'datetime';

/** How a child field's value compares and adds up, or undefined when it cannot be aggregated. */
function valueKind(field: FieldDefinition): ValueKind | undefined {
  switch (field.type) {
    case 'integer':
      return 'integer';
    case 'decimal':
    case 'percent':
    case 'currency':
      return 'decimal';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'computed':
      return field.resultType === 'integer' || field.resultType === 'decimal' || field.resultType === 'date' ? field.resultType : undefined;
    case 'rollup':
      return field.rollup ? rollupResultType(field) : undefined;
    default:
      return undefined;
  }
}

/** Why `op` over a value of `kind` cannot be stored as `result`, if it cannot. */
function resultProblem(op: RollupDefinition['op'], kind: ValueKind, result: RollupResultType, declared: boolean, source: string): string | undefined {
  const numeric = kind === 'integer' || kind === 'decimal';
  if (op === 'sum' || op === 'avg') {
    if (!numeric) return `${op} needs a number or an amount, but ${source} is a ${kind}; use min or max for dates`;
    if (result === 'integer' && kind !== 'integer') return `the ${op} of ${source} has decimals: use "resultType": "decimal"`;
    return result === 'integer' || result === 'decimal' ? undefined : `the ${op} of ${source} is a number: use "resultType": "decimal"`;
  }
  if (op === 'count') return undefined;
  if (numeric) {
    if (result === 'integer' && kind !== 'integer') return `the ${op} of ${source} has decimals: use "resultType": "decimal"`;
    return result === 'integer' || result === 'decimal' ? undefined : `the ${op} of ${source} is a number: use "resultType": "decimal"`;
  }
  if (result === kind) return undefined;
  return declared ? `the ${op} of ${source} is a ${kind}: use "resultType": "${kind}"` : `the ${op} of ${source} is a ${kind}: set "resultType": "${kind}"`;
}

/**
 * A roll-up as saved over the API, with the result type a min or max of dates needs filled in
 * from the child field (`resultType` only follows the definition, so it is written down once).
 */
export function withInferredResultType(parent: EntityDefinition, field: FieldDefinition, byName: ReadonlyMap<string, EntityDefinition>): FieldDefinition {
  const rollup = field.rollup;
  if (field.type !== 'rollup' || !rollup || rollup.resultType !== undefined || (rollup.op !== 'min' && rollup.op !== 'max')) return field;
  const resolved = resolveRollupLink(parent, rollup, byName);
  const kind = resolved.ok && resolved.link.value ? valueKind(resolved.link.value) : undefined;
  return kind === 'date' || kind === 'datetime' ? { ...field, rollup: { ...rollup, resultType: kind } } : field;
}

/**
 * Problems with the roll-up fields of `entity` against all the entities: the relation must be a
 * one-to-many list pointing here, the field one that adds up (sum, avg) or orders (min, max), the
 * result type able to hold the value, and `where` a condition on the child that compiles to SQL
 * (the role-condition subset: comparisons, in, and, or, !). Each names its path,
 * e.g. `company.pipeline.rollup.field`.
 */
export function rollupProblems(entity: EntityDefinition, byName: ReadonlyMap<string, EntityDefinition>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const field of entity.fields) {
    if (field.type !== 'rollup' || typeof field.rollup !== 'object' || field.rollup === null || typeof field.rollup.relation !== 'string') continue;
    const rollup = field.rollup;
    const at = `${entity.name}.${field.name}.rollup`;
    const add = (path: string, message: string) => problems.push({ field: `${at}.${path}`, code: ROLLUP_INVALID, message });
    const resolved = resolveRollupLink(entity, rollup, byName);
    if (!resolved.ok) {
      add(resolved.path, resolved.message);
      continue;
    }
    const { child, value } = resolved.link;
    if (value) {
      const kind = valueKind(value);
      const source = `${child.name}.${value.name}`;
      if (kind === undefined && rollup.op !== 'count') add('field', `${rollup.op} cannot aggregate ${source}, a ${value.type} field; use a number, currency, percent, date or datetime field`);
      else if (kind !== undefined) {
        let result: RollupResultType | undefined;
        try {
          result = rollupResultType(field);
        } catch {
          result = undefined; // the type's own check reports it
        }
        const problem = result && resultProblem(rollup.op, kind, result, rollup.resultType !== undefined, source);
        if (problem) add(rollup.resultType !== undefined ? 'resultType' : 'field', problem);
      }
    }
    if (rollup.where !== undefined) for (const message of whereProblems(child, rollup.where)) add('where', message);
  }
  return problems;
}

/** Why a roll-up's condition cannot run as SQL over `child`, if it cannot. */
function whereProblems(child: EntityDefinition, where: unknown): string[] {
  const special = collectVariables(where).variables.filter((v) => v.startsWith('$'));
  if (special.length > 0) return [`the condition reads ${special.join(', ')}; a roll-up's condition reads only fields of ${child.name}`];
  const compiled = conditionToFilter(where, child, { userId: 0, teamUserIds: [] });
  // The first problem is the precise one (an unknown field); what follows restates the shape role conditions take.
  if (!compiled.ok) return compiled.problems.slice(0, 1);
  try {
    // Compiling once against the child catches operators and values that do not fit a field's type.
    const model = compileModel([child], 'sqlite', 0);
    filterToSql(model, model.entities.get(child.name)!, compiled.filter, new Params('sqlite'), 'c');
    return [];
  } catch (error) {
    if (isKithError(error)) return [error.message];
    throw error;
  }
}
