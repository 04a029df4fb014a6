import { ROLLUP_OPS, ROLLUP_RESULT_TYPES, type FieldDefinition, type RollupResultType } from '@kith/sdk';
import { Type } from '@sinclair/typebox';
import { Errors } from '../../errors/index.js';
import { dateType } from './date.js';
import { datetimeType } from './datetime.js';
import { decimalType } from './decimal.js';
import type { FieldType } from './field-type.js';
import { integerType } from './integer.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { accept, refuse } from './value-check.js';

/** The type that stores each result type. */
const RESULT_TYPES: Readonly<Record<RollupResultType, FieldType>> = {
  integer: integerType,
  decimal: decimalType,
  date: dateType,
  datetime: datetimeType,
};

/**
 * How a roll-up's value is stored: its declared resultType, else integer for count and decimal
 * for the rest. Only the definition decides (never the child field), so the column stays put
 * while the child entity changes; min/max over dates declare `date` or `datetime`.
 */
export function rollupResultType(field: FieldDefinition): RollupResultType {
  const declared = field.rollup?.resultType;
  if (declared !== undefined) {
    if (!(ROLLUP_RESULT_TYPES as readonly string[]).includes(declared)) {
      const message = `rollup.resultType must be one of ${ROLLUP_RESULT_TYPES.join(', ')} (got ${String(declared)})`;
      throw Errors.definitionInvalid(`Roll-up field "${field.name}"`, [{ field: field.name, code: 'KITH_METADATA_INVALID', message }]);
    }
    return declared;
  }
  return field.rollup?.op === 'count' ? 'integer' : 'decimal';
}

const stored = (field: FieldDefinition): FieldType => RESULT_TYPES[rollupResultType(field)];

/**
 * A value the core aggregates (count, sum, min, max, avg) over the children that point at a
 * record, kept current in the writing transaction (data/rollups.ts) and stored like a field of
 * its result type, so it can be filtered and sorted. Clients never write it. What it points at
 * is checked with the other entities (metadata/check-rollups.ts).
 */
export const rollupType: FieldType = {
  name: 'rollup',
  checkDefinition: (field) => {
    const rollup = field.rollup;
    if (typeof rollup !== 'object' || rollup === null) return ['rollup is missing: give { relation, op, field?, where? }'];
    if (!(ROLLUP_OPS as readonly unknown[]).includes(rollup.op)) return [`rollup.op must be one of ${ROLLUP_OPS.join(', ')} (got ${String(rollup.op)})`];
    if (rollup.resultType !== undefined && !(ROLLUP_RESULT_TYPES as readonly unknown[]).includes(rollup.resultType)) {
      return [`rollup.resultType must be one of ${ROLLUP_RESULT_TYPES.join(', ')} (got ${String(rollup.resultType)})`];
    }
    if (rollup.op === 'count' && rollup.resultType !== undefined && rollup.resultType !== 'integer') return ['rollup.resultType of a count is integer'];
    if (rollup.op === 'avg' && rollup.resultType !== undefined && rollup.resultType !== 'decimal') return ['rollup.resultType of an average is decimal'];
    return stored(field).checkDefinition(field);
  },
  columns: (field) => stored(field).columns(field),
  inputSchema: () => Type.Never(),
  outputSchema: (field) => stored(field).outputSchema(field),
  normalise: (field, value) => stored(field).normalise(field, value),
  toColumns: (field, value) => stored(field).toColumns(field, value),
  fromColumns: (field, values) => stored(field).fromColumns(field, values),
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  parseCsv: (field, cell) =>
    isBlankCell(cell) ? accept(null) : refuse(`${field.name} is a roll-up Kith keeps current; leave its column out of the import`),
  formatCsv: (field, value) => stored(field).formatCsv(field, value),
  widget: 'rollup',
  readOnly: true,
};
