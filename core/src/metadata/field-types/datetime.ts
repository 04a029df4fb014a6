import { Type } from '@sinclair/typebox';
import { isCalendarDate } from './calendar.js';
import type { FieldType, ValueCheck } from './field-type.js';
import { isBlankCell } from './nullable.js';
import { ORDERED_OPERATORS } from './operators.js';
import { singleColumn } from './single-column.js';
import { accept, quote, refuse } from './value-check.js';

// RFC 3339 / ISO 8601 extended form with a mandatory zone; `T` may be a space and the offset
// may drop its colon, as exports from databases and spreadsheets often write it.
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Reads an ISO 8601 date-time with a zone and returns it in UTC as `toISOString()` writes it.
 * A time without an offset is refused: it is a different instant in every office, and
 * guessing the server's zone would shift it silently. Fractions beyond milliseconds are cut,
 * as the column keeps milliseconds.
 */
export function normaliseDatetime(value: unknown): ValueCheck {
  const match = typeof value === 'string' ? ISO_DATETIME.exec(value) : null;
  if (!match) {
    return refuse(`${quote(value)} is not a date-time with a time zone; write it like 2026-11-25T09:30:00Z or 2026-11-25T10:30:00+01:00`);
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (!isCalendarDate(year, month, day)) return refuse(`${quote(value)} is not a day in the calendar`);
  // 24:00 and leap second 60 are valid ISO 8601, but JS dates cannot hold them.
  if (hour > 23 || minute > 59 || second > 59) return refuse(`${quote(value)} has a time outside 00:00:00–23:59:59`);
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (offsetHours > 23 || offsetMinutes > 59) return refuse(`${quote(value)} has an impossible time-zone offset`);
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day); // not Date.UTC, which maps years 0–99 to 1900–1999
  local.setUTCHours(hour, minute - offset, second, millis);
  const utcYear = local.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return refuse(`${quote(value)} falls outside the years 0001–9999 in UTC`);
  return accept(local.toISOString());
}

/** An instant, stored in UTC with millisecond precision. */
export const datetimeType: FieldType = {
  name: 'datetime',
  checkDefinition: () => [],
  columns: () => [{ key: '', suffix: '', kind: 'datetime' }],
  // No pattern: normalise's message shows the expected form; a regex failure would show this regex.
  inputSchema: () => Type.String({ maxLength: 64 }),
  outputSchema: () => Type.String({ format: 'date-time' }),
  normalise: (_field, value) => normaliseDatetime(value),
  ...singleColumn,
  operators: ORDERED_OPERATORS,
  primaryKey: '',
  // Checked here already, so a bad cell is reported with the date-time message, not a schema one.
  parseCsv: (_field, cell) => (isBlankCell(cell) ? accept(null) : normaliseDatetime(cell.trim())),
  formatCsv: (_field, value) => String(value),
  widget: 'datetime',
};
