import type { FastifyInstance } from 'fastify';
import { readScopes } from '../../acl/read-scope.js';
import { operatorsFor, resolveColumn } from '../../data/field-paths.js';
import { Errors } from '../../errors/index.js';
import type { CompiledEntity } from '../../metadata/compile/compiled-types.js';
import { SYSTEM_COLUMNS } from '../../metadata/compile/system-columns.js';
import type { ColumnKind, FilterOperator } from '../../metadata/field-types/field-type.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { actorOf } from '../request-context.js';

/** One path a filter or sort may address, with the operators the API accepts on it. */
export interface FilterPath {
  /** What to put in the filter or sort: `stage`, `amount`, `amount.currency`, `createdAt`. */
  readonly path: string;
  /** The field it belongs to (absent for system fields). */
  readonly field?: string;
  /** The part of a composite field (`currency`, `city`), when the path names one. */
  readonly part?: string;
  /** The field's type (a bare field) or the column's kind (a part, a system field): what a value input looks like. */
  readonly type: string;
  readonly kind: ColumnKind;
  /** The admin UI widget of the field's type. */
  readonly widget?: string;
  readonly operators: readonly FilterOperator[];
}

/**
 * Every filterable and sortable path of `entity` for the caller, computed by the same
 * resolver the record queries use, so a filter builder offers exactly what the API accepts.
 */
export function filterPaths(entity: CompiledEntity, visible: ReadonlySet<string> | undefined): FilterPath[] {
  const paths: FilterPath[] = [];
  for (const field of entity.fieldsByName.values()) {
    if (visible && !visible.has(field.name)) continue;
    if (field.primary) {
      const ref = resolveColumn(entity, field.name, 'filter', visible);
      paths.push({ path: field.name, field: field.name, type: field.def.type, kind: ref.kind, widget: field.type.widget, operators: operatorsFor(ref) });
    }
    for (const column of field.columns) {
      if (column.spec.key === '' || column === field.primary) continue;
      const path = `${field.name}.${column.spec.key}`;
      const ref = resolveColumn(entity, path, 'filter', visible);
      paths.push({ path, field: field.name, part: column.spec.key, type: column.spec.kind, kind: ref.kind, operators: operatorsFor(ref) });
    }
  }
  for (const system of SYSTEM_COLUMNS) {
    if (system.field === 'version') continue;
    const ref = resolveColumn(entity, system.field, 'filter', visible);
    paths.push({ path: system.field, type: system.kind, kind: system.kind, operators: operatorsFor(ref) });
  }
  return paths;
}

/** `GET /api/v1/metadata/entities/:entity/filters`: what the caller may filter and sort on, and how. */
export function filterFieldRoutes(server: FastifyInstance, registry: MetadataRegistry): void {
  server.get<{ Params: { entity: string } }>('/api/v1/metadata/entities/:entity/filters', async (request) => {
    const model = registry.model;
    const entity = model.entities.get(request.params.entity);
    const scope = entity ? readScopes(model, actorOf(request))(entity) : null;
    if (!entity || !scope) throw Errors.entityNotFound(request.params.entity);
    return { data: filterPaths(entity, scope.visible) };
  });
}
