/** Every field type Kith knows, as a closed union. */
export const FIELD_TYPES = [
  'text',
  'longText',
  'email',
  'phone',
  'url',
  'integer',
  'decimal',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
  'select',
  'multiSelect',
  'relation',
  'user',
  'json',
  'computed',
  'address',
  'personName',
] as const;

/** The name of a field type. */
export type FieldTypeName = (typeof FIELD_TYPES)[number];

/** Result types a computed (formula) field may declare. */
export const COMPUTED_RESULT_TYPES = ['text', 'integer', 'decimal', 'boolean', 'date'] as const;

/** The value type of a computed field. */
export type ComputedResultType = (typeof COMPUTED_RESULT_TYPES)[number];

/** Fields every record carries; no definition may reuse these names. */
export const SYSTEM_FIELDS = ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'deletedAt'] as const;

/** The name of a system field. */
export type SystemFieldName = (typeof SYSTEM_FIELDS)[number];
