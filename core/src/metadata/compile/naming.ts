import { toSnakeCase, type EntityDefinition, type FieldDefinition } from '@kith/sdk';

/**
 * Database names for metadata. Customisations get a `c_` prefix on their tables and columns,
 * so a plugin upgrade that later adds an entity or field of the same name never lands on a
 * client's data: the clash is reported as a conflict at the API level instead.
 */
const CUSTOM_PREFIX = 'c_';

/** The table an entity lives in: `salesOrder` → `sales_order`, a custom `visit` → `c_visit`. */
export function tableOf(entity: Pick<EntityDefinition, 'name' | 'source'>): string {
  return `${entity.source === 'custom' ? CUSTOM_PREFIX : ''}${toSnakeCase(entity.name)}`;
}

/** The base of a field's column names: `expectedClose` → `expected_close`, a custom `region` → `c_region`. */
export function columnBaseOf(field: Pick<FieldDefinition, 'name' | 'source'>): string {
  return `${field.source === 'custom' ? CUSTOM_PREFIX : ''}${toSnakeCase(field.name)}`;
}
