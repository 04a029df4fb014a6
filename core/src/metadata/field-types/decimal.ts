import type { FieldDefinition } from '@kith/sdk';
import { Type } from '@sinclair/typebox';
import { parseCsvNumber } from './csv-numbers.js';
import { roundToScale } from './decimal-rounding.js';
import type { FieldType, ValueCheck } from './field-type.js';
import { fieldBounds, outOfBounds, rangeProblems, type NumberBounds } from './number-range.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

/** Total digits of a decimal column. */
const DECIMAL_PRECISION = 18;
const DEFAULT_SCALE = 2;
const MAX_SCALE = 10;

/**
 * The bounds of a `numeric(precision, scale)` column as Kith uses it: what the column holds
 * (999…9.99…9), further capped at 2^53 units of the last digit, past which a JS number can no
 * longer hold every value of that scale and a stored value would read back changed.
 */
export function decimalLimit(precision: number, scale: number): NumberBounds {
  const unit = 10 ** scale;
  const limit = Math.min(10 ** (precision - scale) - 1 / unit, Number.MAX_SAFE_INTEGER / unit);
  const max = Math.floor(limit * unit) / unit;
  return { min: -max, max };
}

/** Rounds a number to `scale` digits and checks it against bounds; shared by decimal, percent and currency. */
export function normaliseDecimal(value: unknown, scale: number, bounds: NumberBounds): ValueCheck {
  if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(`expected a number, got ${quote(value)}`);
  const rounded = roundToScale(value, scale);
  const problem = outOfBounds(rounded, bounds);
  return problem ? refuse(problem) : accept(rounded);
}

const scaleOf = (field: FieldDefinition) => field.scale ?? DEFAULT_SCALE;
const columnBounds = (field: FieldDefinition) => decimalLimit(DECIMAL_PRECISION, scaleOf(field));

function scaleProblems(field: FieldDefinition): string[] {
  const { scale } = field;
  if (scale === undefined || (Number.isInteger(scale) && scale >= 0 && scale <= MAX_SCALE)) return [];
  return [`scale (digits after the point) must be a whole number from 0 to ${MAX_SCALE} (got ${String(scale)})`];
}

/** A fixed-point number with `scale` digits after the point (default 2) and 18 digits in all. */
export const decimalType: FieldType = {
  name: 'decimal',
  checkDefinition: (field) => {
    const problems = scaleProblems(field);
    return problems.length > 0 ? problems : rangeProblems(field, columnBounds(field), false);
  },
  columns: (field) => [{ key: '', suffix: '', kind: 'decimal', precision: DECIMAL_PRECISION, scale: scaleOf(field) }],
  inputSchema: (field) => {
    const { min, max } = fieldBounds(field, columnBounds(field));
    return Type.Number({ minimum: min, maximum: max });
  },
  outputSchema: () => Type.Number(),
  normalise: (field, value) => normaliseDecimal(value, scaleOf(field), fieldBounds(field, columnBounds(field))),
  ...singleColumn,
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell, options) => (isBlankCell(cell) ? accept(null) : parseCsvNumber(cell, options.decimalSeparator)),
  formatCsv: (field, value) => (typeof value === 'number' ? value.toFixed(scaleOf(field)) : String(value)),
  widget: 'decimal',
};
