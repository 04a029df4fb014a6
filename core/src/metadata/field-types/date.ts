import { Type } from '@sinclair/typebox';
import { checkIsoDate } from './calendar.js';
import { parseCsvDate } from './csv-dates.js';
import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept } from './value-check.js';

/** A calendar day without a time or zone, as `YYYY-MM-DD`. */
export const dateType: FieldType = {
  name: 'date',
  checkDefinition: () => [],
  columns: () => [{ key: '', suffix: '', kind: 'date' }],
  // No `format` or pattern on input: TypeBox's compiler fails unknown formats, and a pattern error
  // reads worse than normalise's message, which shows the expected form.
  inputSchema: () => Type.String({ maxLength: 10 }),
  outputSchema: () => Type.String({ format: 'date' }),
  normalise: (_field, value) => checkIsoDate(value),
  ...singleColumn,
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell, options) => (isBlankCell(cell) ? accept(null) : parseCsvDate(cell, options.dateFormat)),
  formatCsv: (_field, value) => String(value),
  widget: 'date',
};
