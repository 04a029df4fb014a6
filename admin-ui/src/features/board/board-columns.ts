import type { EntityMeta, FieldMeta, RecordRow } from '../../api/types.js';

/** The most columns a board by a relation shows: more target records than this is not a board. */
export const MAX_RELATION_COLUMNS = 50;
/** Integer fields that give a target's records their natural order, first found wins. */
const ORDER_FIELDS = ['sequence', 'order', 'position'];

/** What a column holds: a select option's value, a related record's id, or null (no value). */
export type ColumnValue = string | number | null;

/** One column of the board before its cards are read. */
export interface ColumnSpec {
  readonly value: ColumnValue;
  readonly label: string;
  readonly color?: string;
}

/** The fields a board can group by: select fields, and many-to-one relations. */
export function groupableFields(entity: EntityMeta): FieldMeta[] {
  return entity.fields.filter((f) => f.type === 'select' || (f.type === 'relation' && f.target !== undefined));
}

/** The target's integer field that orders its records (`sequence`, `order`, `position`), if any. */
export function orderFieldOf(target: EntityMeta): string | undefined {
  return ORDER_FIELDS.find((name) => target.fields.some((f) => f.name === name && f.type === 'integer'));
}

/**
 * The parent a target's records belong to (a stage's pipeline): its first required relation to
 * another entity, offered as a selector that narrows the columns to one parent's records.
 */
export function parentFieldOf(target: EntityMeta): FieldMeta | undefined {
  return target.fields.find((f) => f.type === 'relation' && f.required === true && f.target !== undefined && f.target !== target.name);
}

/** A select field's columns: its options in their order, then "no value" when it is optional. */
export function selectColumns(field: FieldMeta, label: (value: string) => string, noValue: string): ColumnSpec[] {
  return [...(field.options ?? []).map((o) => ({ value: o.value, label: label(o.value), ...(o.color ? { color: o.color } : {}) })), ...(field.required ? [] : [{ value: null, label: noValue }])];
}

/**
 * A relation's columns: the target's records in their natural order (the order field, then the
 * title), then "no value" when the relation is optional.
 */
export function relationColumns(field: FieldMeta, target: EntityMeta, rows: readonly RecordRow[], titleOf: (row: RecordRow) => string, noValue: string): ColumnSpec[] {
  const order = orderFieldOf(target);
  const rank = (row: RecordRow) => (order !== undefined && typeof row[order] === 'number' ? (row[order] as number) : Number.POSITIVE_INFINITY);
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || titleOf(a).localeCompare(titleOf(b)) || a.id - b.id);
  return [...sorted.map((row) => ({ value: row.id, label: titleOf(row) })), ...(field.required ? [] : [{ value: null, label: noValue }])];
}

/** The board's own `?filter=` (JSON, narrowing the target's records), or undefined when absent or not an object. */
export function parseBoardFilter(search: string): Record<string, unknown> | undefined {
  const text = new URLSearchParams(search).get('filter');
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
