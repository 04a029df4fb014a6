import type { ColumnKind, ColumnSpec, Dialect } from '../metadata/field-types/field-type.js';

/**
 * How each column kind is stored per database, and how values cross the boundary.
 * Field types speak in "JS form" (see field-type.ts); only this file knows that SQLite
 * keeps booleans as 0/1 and dates as ISO text, and what node-postgres hands back.
 */
export interface ColumnCodec {
  /** MikroORM property options for the column on this dialect. */
  property(spec: ColumnSpec): { type: string; columnType: string };
  /** JS form → driver parameter. */
  toDb(value: unknown): unknown;
  /** Driver value → JS form. */
  fromDb(value: unknown): unknown;
}

const identity = (v: unknown) => v;
const jsonToText = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const textToJson = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v ?? null);
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));

const sqlite: Record<ColumnKind, ColumnCodec> = {
  text: { property: () => ({ type: 'text', columnType: 'text' }), toDb: identity, fromDb: identity },
  integer: { property: () => ({ type: 'integer', columnType: 'integer' }), toDb: identity, fromDb: numberOrNull },
  decimal: { property: () => ({ type: 'double', columnType: 'real' }), toDb: identity, fromDb: numberOrNull },
  boolean: {
    property: () => ({ type: 'integer', columnType: 'integer' }),
    toDb: (v) => (v === null || v === undefined ? null : v ? 1 : 0),
    fromDb: (v) => (v === null || v === undefined ? null : v === 1 || v === 1n || v === true),
  },
  date: { property: () => ({ type: 'text', columnType: 'text' }), toDb: identity, fromDb: identity },
  datetime: { property: () => ({ type: 'text', columnType: 'text' }), toDb: identity, fromDb: identity },
  json: { property: () => ({ type: 'text', columnType: 'text' }), toDb: jsonToText, fromDb: textToJson },
};

const postgresql: Record<ColumnKind, ColumnCodec> = {
  text: {
    property: (s) => (s.length ? { type: 'string', columnType: `varchar(${s.length})` } : { type: 'text', columnType: 'text' }),
    toDb: identity,
    fromDb: identity,
  },
  integer: { property: () => ({ type: 'integer', columnType: 'int' }), toDb: identity, fromDb: numberOrNull },
  decimal: {
    property: (s) => ({ type: 'decimal', columnType: `numeric(${s.precision ?? 18},${s.scale ?? 2})` }),
    toDb: identity,
    fromDb: numberOrNull,
  },
  boolean: { property: () => ({ type: 'boolean', columnType: 'boolean' }), toDb: identity, fromDb: identity },
  date: { property: () => ({ type: 'date', columnType: 'date' }), toDb: identity, fromDb: identity },
  datetime: { property: () => ({ type: 'datetime', columnType: 'timestamptz(3)' }), toDb: identity, fromDb: identity },
  json: { property: () => ({ type: 'json', columnType: 'jsonb' }), toDb: jsonToText, fromDb: identity },
};

const codecs: Record<Dialect, Record<ColumnKind, ColumnCodec>> = { sqlite, postgresql };

/** The codec for a column kind on a dialect. */
export function columnCodec(dialect: Dialect, kind: ColumnKind): ColumnCodec {
  return codecs[dialect][kind];
}
