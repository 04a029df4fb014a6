import { Type } from '@sinclair/typebox';
import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { BOOLEAN_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

const CSV_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

/** Yes or no. */
export const booleanType: FieldType = {
  name: 'boolean',
  checkDefinition: () => [],
  columns: () => [{ key: '', suffix: '', kind: 'boolean' }],
  inputSchema: () => Type.Boolean(),
  outputSchema: () => Type.Boolean(),
  normalise: (_field, value) => (typeof value === 'boolean' ? accept(value) : refuse(`expected true or false, got ${quote(value)}`)),
  ...singleColumn,
  operators: BOOLEAN_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => {
    if (isBlankCell(cell)) return accept(null);
    const word = cell.trim().toLowerCase();
    // hasOwn, so a cell reading "constructor" is not taken for a key of the word list.
    if (Object.hasOwn(CSV_WORDS, word)) return accept(CSV_WORDS[word]);
    return refuse(`${quote(cell.trim())} is not a yes/no value; use true, false, yes, no, 1 or 0`);
  },
  formatCsv: (_field, value) => String(value),
  widget: 'checkbox',
};
