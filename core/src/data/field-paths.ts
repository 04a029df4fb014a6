import { Errors } from '../errors/index.js';
import type { CompiledColumn, CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';
import { SYSTEM_FIELD_COLUMNS } from '../metadata/compile/system-columns.js';
import type { ColumnKind, FilterOperator } from '../metadata/field-types/field-type.js';
import { columnCodec } from './column-kinds.js';

/** A column a filter or sort may address: a system column, a field, or a composite's part. */
export interface ColumnRef {
  readonly path: string;
  readonly column: string;
  readonly kind: ColumnKind;
  /** The field, when the path names one (absent for system columns). */
  readonly field?: CompiledField;
  /** True when the path addresses the bare field (its own operators apply). */
  readonly bare: boolean;
  readonly toDb: (value: unknown) => unknown;
}

const KIND_OPERATORS: Record<ColumnKind, readonly FilterOperator[]> = {
  text: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$like', '$ilike', '$null'],
  integer: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'],
  decimal: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'],
  date: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'],
  datetime: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'],
  boolean: ['$eq', '$ne', '$null'],
  json: ['$null'],
};

/** Operators allowed on a column reference. */
export function operatorsFor(ref: ColumnRef): readonly FilterOperator[] {
  return ref.bare && ref.field ? ref.field.type.operators : KIND_OPERATORS[ref.kind];
}

function fromColumn(path: string, field: CompiledField, column: CompiledColumn, bare: boolean): ColumnRef {
  return { path, column: column.name, kind: column.spec.kind, field, bare, toDb: column.codec.toDb };
}

/**
 * Resolves `amount`, `amount.currency`, `address.city` or a system field (`createdAt`) to a
 * column. With `visible`, fields outside it are refused as unknown (field-level permissions).
 */
export function resolveColumn(entity: CompiledEntity, path: string, purpose: 'filter' | 'sort', visible?: ReadonlySet<string>): ColumnRef {
  const fail = (message: string) => (purpose === 'filter' ? Errors.invalidFilter(message, path) : Errors.invalidSort(message, path));
  const system = SYSTEM_FIELD_COLUMNS.get(path);
  if (system) {
    const codec = columnCodec(entity.dialect, system.kind);
    return { path, column: system.column, kind: system.kind, bare: true, toDb: codec.toDb };
  }
  const dot = path.indexOf('.');
  const name = dot < 0 ? path : path.slice(0, dot);
  const field = entity.fieldsByName.get(name);
  // A field the caller may not read does not exist for them: same answer as an unknown one.
  if (!field || (visible && !visible.has(name))) {
    const known = [...entity.fieldsByName.keys()].filter((n) => !visible || visible.has(n));
    throw fail(`"${name}" is not a field of ${entity.name}. Known fields: ${known.join(', ')}.`);
  }
  if (dot < 0) {
    if (!field.primary) {
      const parts = field.columns.map((c) => `${name}.${c.key}`).join(', ');
      throw fail(`${entity.name}.${name} has several parts; ${purpose} by one of: ${parts}.`);
    }
    return fromColumn(path, field, field.primary, true);
  }
  const key = path.slice(dot + 1);
  const column = field.columns.find((c) => c.key === key && c.key !== '');
  if (!column) {
    const parts = field.columns.filter((c) => c.key !== '').map((c) => `${name}.${c.key}`);
    throw fail(
      parts.length > 0
        ? `"${key}" is not a part of ${entity.name}.${name}; use one of: ${parts.join(', ')}.`
        : `${entity.name}.${name} has no parts; use "${name}".`,
    );
  }
  return fromColumn(path, field, column, column === field.primary);
}
