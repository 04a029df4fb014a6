import { EntitySchema } from '@mikro-orm/core';
import { columnCodec } from '../../data/column-kinds.js';
import type { Dialect } from '../field-types/field-type.js';
import type { CompiledEntity, CompiledModel } from './compiled-types.js';
import { DELETED_AT_COLUMN, SYSTEM_COLUMNS } from './system-columns.js';

type PropertyOptions = Record<string, unknown>;

/**
 * The MikroORM EntitySchema for a compiled entity. Every property is named after its column,
 * so MikroORM's schema diff speaks in real column names. Relations stay plain integer columns
 * with an index: the record service checks targets itself (soft-deleted and, later,
 * permission-hidden targets must be refused too, which a foreign key cannot know).
 */
export function toEntitySchema(entity: CompiledEntity, dialect: Dialect): EntitySchema {
  const properties: Record<string, PropertyOptions> = {};
  for (const sys of SYSTEM_COLUMNS) {
    const { type, columnType } = columnCodec(dialect, sys.kind).property({ key: '', suffix: '', kind: sys.kind });
    properties[sys.column] =
      sys.column === 'id'
        ? { type: 'integer', primary: true, autoincrement: true, fieldName: 'id' }
        : { type, columnType, fieldName: sys.column, nullable: sys.column === 'created_by' || sys.column === 'updated_by' };
  }
  const deleted = columnCodec(dialect, 'datetime').property({ key: '', suffix: '', kind: 'datetime' });
  properties[DELETED_AT_COLUMN] = { ...deleted, fieldName: DELETED_AT_COLUMN, nullable: true };
  for (const field of entity.fields) {
    for (const column of field.columns) {
      properties[column.name] = { ...column.codec.property(column.spec), fieldName: column.name, nullable: true };
    }
  }
  const indexes: { name: string; properties: string[] }[] = [];
  const uniques: { name: string; properties: string[] }[] = [];
  // Every list index ends with id (keyset cursors) and then the owner column, so a list scoped to
  // "own" or "team" filters inside the index instead of fetching each row to test its owner.
  const owner = entity.def.ownerField ? entity.fieldsByName.get(entity.def.ownerField)?.columns[0]?.name ?? 'created_by' : 'created_by';
  for (const ix of entity.def.indexes) {
    const columns = ix.fields.flatMap((name) => indexColumns(entity, name));
    const name = `${entity.table}_${columns.join('_')}_${ix.unique ? 'uniq' : 'idx'}`.slice(0, 63);
    if (ix.unique) uniques.push({ name, properties: columns });
    else indexes.push({ name, properties: [...columns, 'id', ...(columns.includes(owner) ? [] : [owner])] });
    // With an explicit owner field, "own" lists get an owner-leading twin: one seek per page.
    if (!ix.unique && entity.def.ownerField && columns[0] !== owner) {
      indexes.push({ name: `${entity.table}_own_${columns.join('_')}_idx`.slice(0, 63), properties: [owner, ...columns.filter((c) => c !== owner), 'id'] });
    }
  }
  for (const field of entity.fields) {
    const column = field.columns[0];
    if (field.def.unique && column) uniques.push({ name: `${entity.table}_${column.name}_uniq`.slice(0, 63), properties: [column.name] });
    // Relations are joined and filtered on constantly; index them unless an index already leads with them.
    if ((field.def.type === 'relation' || field.def.type === 'user') && column && !indexes.some((ix) => ix.properties[0] === column.name)) {
      indexes.push({ name: `${entity.table}_${column.name}_idx`.slice(0, 63), properties: [column.name, 'id'] });
    }
  }
  return new EntitySchema({ name: `Kith_${entity.name}`, tableName: entity.table, properties: properties as never, indexes, uniques });
}

function indexColumns(entity: CompiledEntity, name: string): string[] {
  if (name === 'createdAt') return ['created_at'];
  if (name === 'updatedAt') return ['updated_at'];
  const field = entity.fieldsByName.get(name);
  if (!field) return [];
  return field.primary ? [field.primary.name] : field.columns.map((c) => c.name);
}

/** EntitySchemas for every entity of a model. */
export function modelSchemas(model: CompiledModel): EntitySchema[] {
  return [...model.entities.values()].map((e) => toEntitySchema(e, model.dialect));
}
