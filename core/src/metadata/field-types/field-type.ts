import type { FieldDefinition, FieldTypeName } from '@kith/sdk';
import type { TSchema } from '@sinclair/typebox';

/** The SQL databases Kith runs on. */
export type Dialect = 'sqlite' | 'postgresql';

/**
 * The storage kind of one column. The data layer maps each kind to a SQL type per
 * dialect and converts values both ways (see data/column-kinds.ts); field types only
 * say which kinds they need.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json';

/** One real column that stores (part of) a field's value. */
export interface ColumnSpec {
  /** Where the value sits inside the API value: '' for a scalar field, 'currency' for a composite's part. */
  readonly key: string;
  /** Column name suffix appended to the field's column base (`amount` + `_currency`); '' for the main column. */
  readonly suffix: string;
  readonly kind: ColumnKind;
  /** text: maximum length (varchar on PostgreSQL); absent means unbounded text. */
  readonly length?: number;
  /** decimal: total digits and digits after the point. */
  readonly precision?: number;
  readonly scale?: number;
}

/** Filter operators of the API's filter language. */
export const FILTER_OPERATORS = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$like', '$ilike', '$null',
] as const;

/** One filter operator. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The outcome of checking or normalising a value: the value to store, or why it is refused. */
export type ValueCheck = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Options for reading a CSV cell. */
export interface CsvParseOptions {
  /** Declared date format for date fields, e.g. `YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YYYY`. Never guessed. */
  readonly dateFormat?: string;
  /** Decimal separator for numbers (default '.'). */
  readonly decimalSeparator?: '.' | ',';
}

/**
 * Everything Kith knows about one field type. One module per type implements this;
 * the rest of the system (schema compile, API validation, filters, CSV, UI) only
 * ever asks the field type.
 */
export interface FieldType {
  readonly name: FieldTypeName;
  /** Problems with a definition's type-specific settings (empty when fine). */
  checkDefinition(field: FieldDefinition): string[];
  /** The columns that store the value, main column first. Empty for none (never). */
  columns(field: FieldDefinition): readonly ColumnSpec[];
  /** JSON Schema (TypeBox) of a value a client writes; `null` is added by the core for optional fields. */
  inputSchema(field: FieldDefinition): TSchema;
  /** JSON Schema of the value a client reads (for serialisation, OpenAPI and forms); not nullable. */
  outputSchema(field: FieldDefinition): TSchema;
  /**
   * Semantic check and normalisation of a value that passed `inputSchema` and is not null:
   * an email's domain lower-cased, a phone to E.164, an amount rounded to its currency.
   */
  normalise(field: FieldDefinition, value: unknown): ValueCheck;
  /** API value (not null) → one value per column, in `columns()` order, in the column kind's JS form. */
  toColumns(field: FieldDefinition, value: unknown): readonly unknown[];
  /** Column values (JS form, per `columns()`) → API value; all-null columns give null. */
  fromColumns(field: FieldDefinition, values: readonly unknown[]): unknown;
  /** Operators a filter on the field itself may use (sub-columns of composites use their kind's). */
  readonly operators: readonly FilterOperator[];
  /** Which column key a sort or a filter on the bare field uses; undefined when the field must be addressed by part (`address.city`). */
  readonly primaryKey: string | undefined;
  /** A CSV cell → a value to validate like API input (null for empty). */
  parseCsv(field: FieldDefinition, cell: string, options: CsvParseOptions): ValueCheck;
  /** A stored value → its CSV cell. */
  formatCsv(field: FieldDefinition, value: unknown): string;
  /** The admin UI widget that edits it. */
  readonly widget: string;
  /** True when clients may not write it (computed fields). */
  readonly readOnly?: boolean;
}
