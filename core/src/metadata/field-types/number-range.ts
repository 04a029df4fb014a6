import type { FieldDefinition } from '@kith/sdk';

/** Inclusive bounds of a number. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
}

/** Problems with `min`/`max`: numbers, inside what the column holds, and in order. */
export function rangeProblems(field: FieldDefinition, column: NumberBounds, wholeNumbers: boolean): string[] {
  const problems: string[] = [];
  for (const key of ['min', 'max'] as const) {
    const value: unknown = field[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${key} must be a number (got ${String(value)})`);
    } else if (wholeNumbers && !Number.isInteger(value)) {
      problems.push(`${key} must be a whole number for a ${field.type} field (got ${value})`);
    } else if (value < column.min || value > column.max) {
      problems.push(`${key} must lie between ${column.min} and ${column.max}, the range this field can store (got ${value})`);
    }
  }
  if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
    problems.push(`min (${field.min}) is greater than max (${field.max}); swap them`);
  }
  return problems;
}

/** The bounds a value must meet: the field's own min/max, else the column's. */
export function fieldBounds(field: FieldDefinition, column: NumberBounds): NumberBounds {
  return { min: field.min ?? column.min, max: field.max ?? column.max };
}

/** Why a number is out of bounds, or undefined when it is inside. */
export function outOfBounds(value: number, bounds: NumberBounds): string | undefined {
  if (value < bounds.min) return `${value} is below the minimum of ${bounds.min}`;
  if (value > bounds.max) return `${value} is above the maximum of ${bounds.max}`;
  return undefined;
}
