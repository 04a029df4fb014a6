import { Type } from '@sinclair/typebox';
import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { TEXT_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { checkText, maxLengthProblems } from './text-value.js';
import { accept } from './value-check.js';

const TEXT_DEFAULT_LENGTH = 255;
// Past this a longText field is the right type: a varchar this wide is a text column in all but name.
const TEXT_MAX_LENGTH = 10_000;

/** A single line of text, stored as given (no trimming), in a length-bounded column. */
export const textType: FieldType = {
  name: 'text',
  checkDefinition: (field) => maxLengthProblems(field, TEXT_MAX_LENGTH, 'for longer text use a longText field'),
  columns: (field) => [{ key: '', suffix: '', kind: 'text', length: field.maxLength ?? TEXT_DEFAULT_LENGTH }],
  inputSchema: (field) => Type.String({ maxLength: field.maxLength ?? TEXT_DEFAULT_LENGTH }),
  outputSchema: () => Type.String(),
  normalise: (field, value) => checkText(value, field.maxLength ?? TEXT_DEFAULT_LENGTH),
  ...singleColumn,
  operators: TEXT_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => accept(isBlankCell(cell) ? null : cell),
  formatCsv: (_field, value) => String(value),
  widget: 'text',
};
