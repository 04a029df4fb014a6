import build from 'fast-json-stringify';
import type { TSchema } from '@sinclair/typebox';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import { recordSchema } from '../metadata/compile/to-typebox.js';

/** Serialises records and pages of one entity from its schema (fast-json-stringify). */
export interface RecordSerializer {
  record(record: unknown): string;
  page(page: unknown): string;
}

const cache = new WeakMap<CompiledEntity, RecordSerializer>();

/**
 * A nullable scalar written as `anyOf: [X, null]` becomes `type: [x, 'null']`, which
 * fast-json-stringify serialises without trying each branch.
 */
function flatten(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(flatten);
  if (!schema || typeof schema !== 'object') return schema;
  const s = schema as Record<string, unknown>;
  const anyOf = s.anyOf as Record<string, unknown>[] | undefined;
  if (anyOf && anyOf.length === 2 && anyOf.some((b) => b.type === 'null')) {
    const other = anyOf.find((b) => b.type !== 'null')!;
    if (typeof other.type === 'string' && other.type !== 'object' && other.type !== 'array') {
      const { anyOf: _drop, ...rest } = s;
      return { ...rest, ...(flatten(other) as object), type: [other.type, 'null'] };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (k !== '$id') out[k] = flatten(v);
  return out;
}

/** The serializer for an entity's records (built once per compiled entity). */
export function recordSerializer(entity: CompiledEntity): RecordSerializer {
  let serializer = cache.get(entity);
  if (!serializer) {
    const record = flatten(JSON.parse(JSON.stringify(recordSchema(entity) as TSchema))) as Record<string, unknown>;
    const page = { type: 'object', properties: { data: { type: 'array', items: record }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer' } } };
    serializer = { record: build(record as never), page: build(page as never) };
    cache.set(entity, serializer);
  }
  return serializer;
}
