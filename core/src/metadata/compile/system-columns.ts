import type { ColumnKind } from '../field-types/field-type.js';

/** A system column every entity table has. */
export interface SystemColumn {
  readonly field: string;
  readonly column: string;
  readonly kind: ColumnKind;
}

/** The system columns, in the order records show them. */
export const SYSTEM_COLUMNS: readonly SystemColumn[] = [
  { field: 'id', column: 'id', kind: 'integer' },
  { field: 'version', column: 'version', kind: 'integer' },
  { field: 'createdAt', column: 'created_at', kind: 'datetime' },
  { field: 'updatedAt', column: 'updated_at', kind: 'datetime' },
  { field: 'createdBy', column: 'created_by', kind: 'integer' },
  { field: 'updatedBy', column: 'updated_by', kind: 'integer' },
];

/** The soft-delete marker; not part of a record's fields. */
export const DELETED_AT_COLUMN = 'deleted_at';

/** System fields a caller may filter and sort on. */
export const SYSTEM_FIELD_COLUMNS: ReadonlyMap<string, SystemColumn> = new Map(SYSTEM_COLUMNS.map((c) => [c.field, c]));
