import type { FieldType } from './field-type.js';
import { CHOICE_OPERATORS } from './operators.js';
import { checkRecordId, parseCsvRecordId, recordIdSchema } from './record-id.js';
import { singleColumn } from './single-column.js';

/** A link to one record of the `target` entity, stored as its id in `<name>_id`. */
export const relationType: FieldType = {
  name: 'relation',
  checkDefinition: (field) =>
    typeof field.target === 'string' && field.target !== '' ? [] : ['target is missing: name the entity this relation points to'],
  columns: () => [{ key: '', suffix: '_id', kind: 'integer' }],
  inputSchema: recordIdSchema,
  outputSchema: recordIdSchema,
  normalise: (field, value) => checkRecordId(value, field.target ?? 'record'),
  ...singleColumn,
  operators: CHOICE_OPERATORS,
  primaryKey: '',
  parseCsv: (field, cell) => parseCsvRecordId(cell, field.target ?? 'record'),
  formatCsv: (_field, value) => String(value),
  widget: 'relation',
};
