import type { FieldType } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { CHOICE_OPERATORS } from './operators.js';
import { checkOption, matchOption, OPTION_MAX_LENGTH, optionProblems, optionSchema } from './select-options.js';
import { singleColumn } from './single-column.js';
import { accept } from './value-check.js';

/**
 * One value from a fixed list. The column is sized for any option, not the current ones, so
 * adding an option never needs a migration. Options are compared, never ordered or matched
 * by pattern, so the operators are those of a choice.
 */
export const selectType: FieldType = {
  name: 'select',
  checkDefinition: optionProblems,
  columns: () => [{ key: '', suffix: '', kind: 'text', length: OPTION_MAX_LENGTH }],
  inputSchema: optionSchema,
  outputSchema: optionSchema,
  normalise: checkOption,
  ...singleColumn,
  operators: CHOICE_OPERATORS,
  primaryKey: '',
  parseCsv: (field, cell) => (isBlankCell(cell) ? accept(null) : matchOption(field, cell)),
  formatCsv: (_field, value) => String(value),
  widget: 'select',
};
