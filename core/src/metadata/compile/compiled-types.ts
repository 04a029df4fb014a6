import type { LayoutDefinition } from '../layouts/layout.js';
import type { EntityDefinition, FieldDefinition, RoleDefinition, ValidationRuleDefinition, WorkflowDefinition } from '@kith/sdk';
import type { ColumnCodec } from '../../data/column-kinds.js';
import type { CompiledExpression } from '../../rules/index.js';
import type { CustomisationConflict } from '../customisation.js';
import type { ColumnSpec, Dialect, FieldType } from '../field-types/field-type.js';

/** A real column of a compiled field. */
export interface CompiledColumn {
  readonly name: string;
  readonly key: string;
  readonly spec: ColumnSpec;
  readonly codec: ColumnCodec;
}

/** A field with its type and columns resolved for one database. */
export interface CompiledField {
  readonly def: FieldDefinition;
  readonly name: string;
  readonly type: FieldType;
  readonly columns: readonly CompiledColumn[];
  /** The column a bare filter or sort uses; undefined for composites addressed by part. */
  readonly primary: CompiledColumn | undefined;
}

/** A one-to-many list readable on an entity because another entity points at it. */
export interface InverseRelation {
  readonly name: string;
  readonly entity: string;
  readonly field: string;
}

/** A validation rule with its condition compiled once per model. */
export interface CompiledRule {
  readonly def: ValidationRuleDefinition;
  /** Undefined when the stored condition no longer compiles (then `problem` says why, and the rule fails closed). */
  readonly condition: CompiledExpression | undefined;
  readonly problem?: string;
}

/** An entity ready for the record service: table, columns, relations, validation rules. */
export interface CompiledEntity {
  readonly def: EntityDefinition;
  readonly name: string;
  readonly table: string;
  readonly dialect: Dialect;
  readonly fields: readonly CompiledField[];
  readonly fieldsByName: ReadonlyMap<string, CompiledField>;
  readonly inverses: readonly InverseRelation[];
  /** Every validation rule of the entity, active or not, in definition order. */
  readonly rules: readonly CompiledRule[];
}

/** The effective metadata compiled for one database: immutable, swapped whole on change. */
export interface CompiledModel {
  readonly revision: number;
  readonly dialect: Dialect;
  readonly entities: ReadonlyMap<string, CompiledEntity>;
  /** Effective roles by name. */
  readonly roles: ReadonlyMap<string, RoleDefinition>;
  /** Effective workflows by id. */
  readonly workflows: ReadonlyMap<string, WorkflowDefinition>;
  /** Customised layouts by entity id. */
  readonly layouts: ReadonlyMap<string, LayoutDefinition>;
  readonly conflicts: readonly CustomisationConflict[];
}
