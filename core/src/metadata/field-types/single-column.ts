import type { FieldDefinition } from '@kith/sdk';

/**
 * Column mapping for a type whose API value is the JS form of its one column
 * (text, numbers, booleans, dates, references, json); spread into the type's object.
 */
export const singleColumn = {
  toColumns: (_field: FieldDefinition, value: unknown): readonly unknown[] => [value ?? null],
  fromColumns: (_field: FieldDefinition, values: readonly unknown[]): unknown => values[0] ?? null,
} as const;
