import { COMPUTED_RESULT_TYPES, type ComputedResultType, type FieldDefinition } from '@kith/sdk';
import { Type } from '@sinclair/typebox';
import { Errors } from '../../errors/index.js';
import { booleanType } from './boolean.js';
import { dateType } from './date.js';
import { decimalType } from './decimal.js';
import type { FieldType } from './field-type.js';
import { integerType } from './integer.js';
import { longTextType } from './long-text.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { accept, refuse } from './value-check.js';

/** The type that stores each result type; text results go to an unbounded column, as a formula's length is unknown. */
const RESULT_TYPES: Readonly<Record<ComputedResultType, FieldType>> = {
  text: longTextType,
  integer: integerType,
  decimal: decimalType,
  boolean: booleanType,
  date: dateType,
};

function isResultType(value: unknown): value is ComputedResultType {
  return (COMPUTED_RESULT_TYPES as readonly unknown[]).includes(value);
}

/** The type a computed field's result is stored as; `checkDefinition` has refused any other resultType. */
function resultType(field: FieldDefinition): FieldType {
  if (!isResultType(field.resultType)) {
    const message = `resultType must be one of ${COMPUTED_RESULT_TYPES.join(', ')} (got ${String(field.resultType)})`;
    throw Errors.definitionInvalid(`Computed field "${field.name}"`, [{ field: field.name, code: 'KITH_METADATA_INVALID', message }]);
  }
  return RESULT_TYPES[field.resultType];
}

/**
 * A value the core computes from a JsonLogic formula and stores like a field of its
 * `resultType`, so it can be filtered and sorted. Clients never write it.
 */
export const computedType: FieldType = {
  name: 'computed',
  checkDefinition: (field) => {
    const problems: string[] = [];
    if (field.formula === undefined) problems.push('formula is missing: give the JsonLogic expression that computes the value');
    if (!isResultType(field.resultType)) {
      problems.push(`resultType must be one of ${COMPUTED_RESULT_TYPES.join(', ')} (got ${String(field.resultType)})`);
      return problems;
    }
    return [...problems, ...RESULT_TYPES[field.resultType].checkDefinition(field)];
  },
  columns: (field) => resultType(field).columns(field),
  inputSchema: () => Type.Never(),
  outputSchema: (field) => resultType(field).outputSchema(field),
  normalise: (field, value) => resultType(field).normalise(field, value),
  toColumns: (field, value) => resultType(field).toColumns(field, value),
  fromColumns: (field, values) => resultType(field).fromColumns(field, values),
  // Fixed by the contract, not by resultType: the comparisons common to text, numbers and dates.
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  parseCsv: (field, cell) =>
    isBlankCell(cell) ? accept(null) : refuse(`${field.name} is computed from a formula; leave its column out of the import`),
  formatCsv: (field, value) => resultType(field).formatCsv(field, value),
  widget: 'computed',
  readOnly: true,
};
