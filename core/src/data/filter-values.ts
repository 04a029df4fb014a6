import { Errors } from '../errors/index.js';
import type { ColumnRef } from './field-paths.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * Checks one filter value against the column it is compared with and converts it to the
 * driver's form. A bare single-column field also goes through its type's normalisation, so
 * `{"phone":"(01) 555 0101"}` finds the number stored as E.164.
 */
export function filterValue(ref: ColumnRef, value: unknown, operator: string): unknown {
  const fail = (what: string) =>
    Errors.invalidFilter(`${operator} on "${ref.path}" needs ${what}; got ${JSON.stringify(value)?.slice(0, 80)}.`, ref.path);
  switch (ref.kind) {
    case 'text':
      if (typeof value !== 'string') throw fail('a string');
      if (value.length > 10_000) throw fail('a string of at most 10,000 characters');
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw fail('a whole number');
      break;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a number');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      break;
    case 'date':
      if (typeof value !== 'string' || !validDate(value)) throw fail('a date as YYYY-MM-DD');
      break;
    case 'datetime': {
      if (typeof value !== 'string' || !DATETIME.test(value)) throw fail('an ISO 8601 date-time such as 2026-11-25T09:30:00Z');
      const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);
      if (Number.isNaN(ms)) throw fail('a valid date-time');
      return ref.toDb(new Date(ms).toISOString());
    }
    case 'json':
      throw fail('$null (JSON fields can only be tested for emptiness)');
  }
  const field = ref.field;
  if (ref.bare && field && field.columns.length === 1 && operator !== '$like' && operator !== '$ilike') {
    if (field.def.type === 'select' && field.def.options && !field.def.options.some((o) => o.value === value)) {
      throw Errors.invalidFilter(
        `"${String(value)}" is not an option of ${ref.path}; options: ${field.def.options.map((o) => o.value).join(', ')}.`,
        ref.path,
      );
    }
    const checked = field.type.normalise(field.def, value);
    if (!checked.ok) throw Errors.invalidFilter(`${ref.path}: ${checked.message}`, ref.path);
    return ref.toDb(field.type.toColumns(field.def, checked.value)[0]);
  }
  return ref.toDb(value);
}
