import type { ComputedResultType, FieldTypeName, RollupOp, RollupResultType } from '../constants/field-types.js';

/** Labels per locale; `en` is always present and is the fallback. */
export type Labels = { readonly en: string } & { readonly [locale: string]: string };

/** Where a definition came from: the core, a plugin id, or a customisation. */
export type DefinitionSource = 'core' | 'custom' | `plugin:${string}`;

/** A JsonLogic expression (plain data). */
export type JsonLogicExpression = unknown;

/** One value of a select or multi-select field. */
export interface SelectOption {
  readonly value: string;
  readonly label: Labels;
  readonly color?: string;
}

/**
 * What a roll-up field aggregates: the children that point at the record through a
 * many-to-one relation, optionally only those matching `where`.
 */
export interface RollupDefinition {
  /**
   * The one-to-many list: the inverse name declared on the children's relation (`deals`), or
   * `<child entity>.<relation field>` (`deal.company`) when the relation declares no inverse.
   */
  readonly relation: string;
  readonly op: RollupOp;
  /** The child field aggregated: required for sum, avg, min and max; with count, counts the children where it is set. */
  readonly field?: string;
  /** A JsonLogic condition over the child (comparisons, in, and, or, !): only matching children count. */
  readonly where?: JsonLogicExpression;
  /** How the value is stored: count gives integer; otherwise decimal unless given (date/datetime for min/max of dates). */
  readonly resultType?: RollupResultType;
}

/** A field as the metadata registry holds it (normalised). */
export interface FieldDefinition {
  /** Stable id: customisations refer to it, so a rename that keeps it is safe. */
  readonly id: string;
  readonly name: string;
  readonly type: FieldTypeName;
  readonly label: Labels;
  readonly description?: string;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly hidden?: boolean;
  readonly readonly?: boolean;
  readonly searchable?: boolean;
  /** false: the audit log records that the field changed, never its values (default true). */
  readonly audited?: boolean;
  readonly default?: unknown;
  /**
   * A JsonLogic formula giving the value on create when the input leaves the field out. It reads
   * the other input fields, `$now` (ISO date-time), `$today` (ISO date) and `$user` (the
   * creating user's id, or null). Not with `default`.
   */
  readonly defaultFormula?: JsonLogicExpression;
  /** text-like types */
  readonly maxLength?: number;
  /** integer, decimal, percent */
  readonly min?: number;
  readonly max?: number;
  /** decimal: digits after the point (default 2) */
  readonly scale?: number;
  /** select, multiSelect */
  readonly options?: readonly SelectOption[];
  /** relation: the target entity's name */
  readonly target?: string;
  /** relation: the name of the one-to-many list on the target */
  readonly inverse?: string;
  /** computed: the JsonLogic formula over the record and, through `relation.field`, its many-to-one parents */
  readonly formula?: JsonLogicExpression;
  /** computed: the type of the formula's result */
  readonly resultType?: ComputedResultType;
  /** rollup: what it aggregates */
  readonly rollup?: RollupDefinition;
  /** currency: the code used when a value has none */
  readonly defaultCurrency?: string;
  /** phone: the region (ISO 3166 alpha-2) national numbers are read in */
  readonly defaultRegion?: string;
  readonly source: DefinitionSource;
}

/** An index over one or more fields, optionally unique. */
export interface IndexDefinition {
  readonly fields: readonly string[];
  readonly unique?: boolean;
}

/** An entity as the metadata registry holds it (normalised). */
export interface EntityDefinition {
  readonly id: string;
  readonly name: string;
  readonly label: Labels;
  readonly labelPlural: Labels;
  readonly description?: string;
  readonly fields: readonly FieldDefinition[];
  readonly indexes: readonly IndexDefinition[];
  /** The `user` field that owns a record (record-level permissions). */
  readonly ownerField?: string;
  /** The field shown as the record's title. */
  readonly titleField?: string;
  readonly source: DefinitionSource;
}
