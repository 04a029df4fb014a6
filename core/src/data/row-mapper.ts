import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import { SYSTEM_COLUMNS } from '../metadata/compile/system-columns.js';
import { columnCodec } from './column-kinds.js';
import { quote } from './sql.js';

/** A plain record as the API returns it. */
export type RecordRow = Record<string, unknown>;

/** The select list for a set of fields, and how to turn a raw row (array) into a record. */
export interface RowShape {
  /** `t."id", t."version", …` */
  readonly selectList: string;
  /** Number of columns the shape reads (extra columns may follow in a row). */
  readonly width: number;
  readonly map: (row: readonly unknown[]) => RecordRow;
}

const shapes = new WeakMap<CompiledEntity, Map<string, RowShape>>();

/**
 * The row shape for `fields` (all fields when undefined), cached per compiled entity: the
 * select list and mapping are computed once, then every read is an array walk.
 */
export function rowShape(entity: CompiledEntity, fields: readonly CompiledField[] | undefined, alias = 't'): RowShape {
  const key = `${alias}|${fields ? fields.map((f) => f.name).join(',') : '*'}`;
  let perEntity = shapes.get(entity);
  if (!perEntity) {
    perEntity = new Map();
    shapes.set(entity, perEntity);
  }
  let shape = perEntity.get(key);
  if (!shape) {
    shape = buildShape(entity, fields ?? entity.fields, alias);
    perEntity.set(key, shape);
  }
  return shape;
}

function buildShape(entity: CompiledEntity, fields: readonly CompiledField[], alias: string): RowShape {
  const columns: string[] = [];
  const steps: ((row: readonly unknown[], out: RecordRow) => void)[] = [];
  for (const sys of SYSTEM_COLUMNS) {
    const i = columns.length;
    const fromDb = columnCodec(entity.dialect, sys.kind).fromDb;
    columns.push(sys.column);
    const name = sys.field;
    steps.push((row, out) => {
      out[name] = fromDb(row[i]) ?? null;
    });
  }
  for (const field of fields) {
    const start = columns.length;
    for (const c of field.columns) columns.push(c.name);
    const codecs = field.columns.map((c) => c.codec.fromDb);
    const { type, def, name } = field;
    if (codecs.length === 1) {
      const fromDb = codecs[0]!;
      steps.push((row, out) => {
        const v = row[start];
        out[name] = v === null || v === undefined ? null : type.fromColumns(def, [fromDb(v)]);
      });
    } else {
      steps.push((row, out) => {
        out[name] = type.fromColumns(def, codecs.map((fromDb, j) => fromDb(row[start + j] ?? null)));
      });
    }
  }
  return {
    selectList: columns.map((c) => (alias ? `${alias}.${quote(c)}` : quote(c))).join(', '),
    width: columns.length,
    map: (row) => {
      const out: RecordRow = {};
      for (const step of steps) step(row, out);
      return out;
    },
  };
}
