import type { Dialect } from '../metadata/field-types/field-type.js';

/** Quotes an identifier. Identifiers come from checked metadata, never from a request. */
export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * Collects bound parameters and renders numbered placeholders (`?n` on SQLite, `$n` on
 * PostgreSQL), so a fragment built before another can appear after it in the SQL text.
 */
export class Params {
  readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  /** Binds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'postgresql' ? `$${this.values.length}` : `?${this.values.length}`;
  }
}
