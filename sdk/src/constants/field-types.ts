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
  'rollup',
  'address',
  'personName',
] as const;

/** The name of a field type. */
export type FieldTypeName = (typeof FIELD_TYPES)[number];

/** Result types a computed (formula) field may declare. */
export const COMPUTED_RESULT_TYPES = ['text', 'integer', 'decimal', 'boolean', 'date'] as const;

/** The value type of a computed field. */
export type ComputedResultType = (typeof COMPUTED_RESULT_TYPES)[number];

/** Aggregates a roll-up field computes over the records of a one-to-many relation. */
export const ROLLUP_OPS = ['count', 'sum', 'min', 'max', 'avg'] as const;

/** One roll-up aggregate. */
export type RollupOp = (typeof ROLLUP_OPS)[number];

/** How a roll-up's value is stored. */
export const ROLLUP_RESULT_TYPES = ['integer', 'decimal', 'date', 'datetime'] as const;

/** The value type of a roll-up field. */
export type RollupResultType = (typeof ROLLUP_RESULT_TYPES)[number];

/** Fields every record carries; no definition may reuse these names. */
export const SYSTEM_FIELDS = ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'deletedAt'] as const;

/** The name of a system field. */
export type SystemFieldName = (typeof SYSTEM_FIELDS)[number];
