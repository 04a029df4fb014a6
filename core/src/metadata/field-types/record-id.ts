import { Type, type TSchema } from '@sinclair/typebox';
import type { ValueCheck } from './field-type.js';
import { INT32 } from './integer.js';
import { accept, quote, refuse } from './value-check.js';

/** The schema of a record id: a positive whole number. */
export function recordIdSchema(): TSchema {
  return Type.Integer({ minimum: 1, maximum: INT32.max });
}

/** Checks a reference is a record id; whether that record exists is the record service's check. */
export function checkRecordId(value: unknown, what: string): ValueCheck {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= INT32.max) return accept(value);
  return refuse(`expected the id of a ${what} (a positive whole number), got ${quote(value)}`);
}

/** Reads a record id from a CSV cell: digits only, so a name in the cell is refused, not mistaken. */
export function parseCsvRecordId(cell: string, what: string): ValueCheck {
  const text = cell.trim();
  if (text === '') return accept(null);
  return /^\d+$/.test(text) ? checkRecordId(Number(text), what) : refuse(`${quote(text)} is not the id of a ${what}; use its numeric id`);
}
