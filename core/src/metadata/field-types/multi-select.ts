import { Type } from '@sinclair/typebox';
import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { SET_OPERATORS } from './operators.js';
import { checkOption, matchOption, optionProblems, optionSchema, optionValues } from './select-options.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

/**
 * Any number of values from a fixed list, stored as a JSON array in option order so equal
 * selections are equal documents. An empty selection is stored as null, so `$null` finds
 * "nothing chosen" with a plain IS NULL.
 */
export const multiSelectType: FieldType = {
  name: 'multiSelect',
  checkDefinition: (field) => [
    ...optionProblems(field),
    ...optionValues(field)
      .filter((v) => v.includes(';'))
      .map((v) => `option ${quote(v)} contains ";", which separates values in CSV cells; choose another value`),
  ],
  columns: () => [{ key: '', suffix: '', kind: 'json' }],
  inputSchema: (field) => Type.Array(optionSchema(field), { uniqueItems: true }),
  outputSchema: (field) => Type.Array(optionSchema(field)),
  normalise: (field, value) => {
    if (!Array.isArray(value)) return refuse(`expected a list of options, got ${quote(value)}`);
    for (const item of value as unknown[]) {
      const checked = checkOption(field, item);
      if (!checked.ok) return checked;
    }
    if (new Set(value).size !== value.length) return refuse('each option may be chosen once');
    const chosen = optionValues(field).filter((v) => value.includes(v));
    return accept(chosen.length === 0 ? null : chosen);
  },
  ...singleColumn,
  operators: SET_OPERATORS,
  primaryKey: '',
  parseCsv: (field, cell) => {
    if (isBlankCell(cell)) return accept(null);
    const values: string[] = [];
    for (const part of cell.split(';').filter((p) => p.trim() !== '')) {
      const matched = matchOption(field, part);
      if (!matched.ok) return matched;
      if (!values.includes(matched.value as string)) values.push(matched.value as string);
    }
    return accept(values);
  },
  formatCsv: (_field, value) => (Array.isArray(value) ? value.join(';') : String(value)),
  widget: 'multiSelect',
};
