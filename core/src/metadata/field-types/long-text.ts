import { Type } from '@sinclair/typebox';
import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { TEXT_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { checkText, maxLengthProblems } from './text-value.js';
import { accept } from './value-check.js';

const LONG_TEXT_DEFAULT_LENGTH = 100_000;
// A megabyte of text per field keeps a list page's rows loadable; bigger content belongs in files.
const LONG_TEXT_MAX_LENGTH = 1_000_000;

/** Multi-line text, stored as given in an unbounded column; `maxLength` is enforced on write only. */
export const longTextType: FieldType = {
  name: 'longText',
  checkDefinition: (field) => maxLengthProblems(field, LONG_TEXT_MAX_LENGTH),
  columns: () => [{ key: '', suffix: '', kind: 'text' }],
  inputSchema: (field) => Type.String({ maxLength: field.maxLength ?? LONG_TEXT_DEFAULT_LENGTH }),
  outputSchema: () => Type.String(),
  normalise: (field, value) => checkText(value, field.maxLength ?? LONG_TEXT_DEFAULT_LENGTH),
  ...singleColumn,
  operators: TEXT_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => accept(isBlankCell(cell) ? null : cell),
  formatCsv: (_field, value) => String(value),
  widget: 'textarea',
};
