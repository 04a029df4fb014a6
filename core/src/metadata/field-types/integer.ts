import { Type } from '@sinclair/typebox';
import { parseCsvNumber } from './csv-numbers.js';
import type { FieldType } from './field-type.js';
import { fieldBounds, outOfBounds, rangeProblems, type NumberBounds } from './number-range.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

/** What an `integer` column holds on every dialect (PostgreSQL `int` is 32-bit signed). */
export const INT32: NumberBounds = { min: -2_147_483_648, max: 2_147_483_647 };

/** A whole number within the field's min/max, by default the 32-bit signed range. */
export const integerType: FieldType = {
  name: 'integer',
  checkDefinition: (field) => rangeProblems(field, INT32, true),
  columns: () => [{ key: '', suffix: '', kind: 'integer' }],
  inputSchema: (field) => {
    const { min, max } = fieldBounds(field, INT32);
    return Type.Integer({ minimum: min, maximum: max });
  },
  outputSchema: () => Type.Integer(),
  normalise: (field, value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return refuse(`expected a whole number, got ${quote(value)}`);
    const problem = outOfBounds(value, fieldBounds(field, INT32));
    return problem ? refuse(problem) : accept(value);
  },
  ...singleColumn,
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell, options) => {
    if (isBlankCell(cell)) return accept(null);
    const parsed = parseCsvNumber(cell, options.decimalSeparator);
    if (parsed.ok && !Number.isInteger(parsed.value)) return refuse(`${quote(cell.trim())} is not a whole number`);
    return parsed;
  },
  formatCsv: (_field, value) => String(value),
  widget: 'integer',
};
