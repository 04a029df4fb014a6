import { Type } from '@sinclair/typebox';
import { parseCsvNumber } from './csv-numbers.js';
import { decimalLimit, normaliseDecimal } from './decimal.js';
import type { FieldType } from './field-type.js';
import { fieldBounds, rangeProblems } from './number-range.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept } from './value-check.js';

const PERCENT_PRECISION = 7;
const PERCENT_SCALE = 4;
/**
 * 12.5 means 12.5 %. `numeric(7,4)` holds ±999.9999, so that is the default range: wide enough
 * for growth rates and margins far past 100 %, and a field's min/max (e.g. 0–100) may narrow it.
 */
const PERCENT_BOUNDS = decimalLimit(PERCENT_PRECISION, PERCENT_SCALE);

/** A percentage as a number of percent (12.5 = 12.5 %), kept to 4 decimals. */
export const percentType: FieldType = {
  name: 'percent',
  checkDefinition: (field) => rangeProblems(field, PERCENT_BOUNDS, false),
  columns: () => [{ key: '', suffix: '', kind: 'decimal', precision: PERCENT_PRECISION, scale: PERCENT_SCALE }],
  inputSchema: (field) => {
    const { min, max } = fieldBounds(field, PERCENT_BOUNDS);
    return Type.Number({ minimum: min, maximum: max });
  },
  outputSchema: () => Type.Number(),
  normalise: (field, value) => normaliseDecimal(value, PERCENT_SCALE, fieldBounds(field, PERCENT_BOUNDS)),
  ...singleColumn,
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  // A trailing % is dropped: "12.5 %" in a cell means the same 12.5 as the API value.
  parseCsv: (_field, cell, options) =>
    isBlankCell(cell) ? accept(null) : parseCsvNumber(cell.trim().replace(/\s*%$/, ''), options.decimalSeparator),
  formatCsv: (_field, value) => String(value),
  widget: 'percent',
};
