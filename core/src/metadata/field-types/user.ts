import type { FieldType } from './field-type.js';
import { CHOICE_OPERATORS } from './operators.js';
import { checkRecordId, parseCsvRecordId, recordIdSchema } from './record-id.js';
import { singleColumn } from './single-column.js';

/** A Kith user (an owner, an assignee), stored as the user's id in `<name>_id`. */
export const userType: FieldType = {
  name: 'user',
  checkDefinition: () => [],
  columns: () => [{ key: '', suffix: '_id', kind: 'integer' }],
  inputSchema: recordIdSchema,
  outputSchema: recordIdSchema,
  normalise: (_field, value) => checkRecordId(value, 'user'),
  ...singleColumn,
  operators: CHOICE_OPERATORS,
  primaryKey: '',
  parseCsv: (_field, cell) => parseCsvRecordId(cell, 'user'),
  formatCsv: (_field, value) => String(value),
  widget: 'user',
};
