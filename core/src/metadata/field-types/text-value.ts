import type { FieldDefinition } from '@kith/sdk';
import type { ValueCheck } from './field-type.js';
import { accept, quote, refuse } from './value-check.js';

/** Length in code points, as PostgreSQL's varchar(n) and JSON Schema's maxLength count it. */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/**
 * Checks a string for a text-like column. NUL is refused because PostgreSQL text cannot hold it
 * (SQLite could, so the same record would store on one database and fail on the other).
 */
export function checkText(value: unknown, maxLength: number | undefined): ValueCheck {
  if (typeof value !== 'string') return refuse(`expected text, got ${quote(value)}`);
  if (value.includes('\u0000')) return refuse('text may not contain the NUL character (\\u0000); remove it');
  if (maxLength !== undefined && textLength(value) > maxLength) {
    return refuse(`text is ${textLength(value)} characters long; the limit is ${maxLength}`);
  }
  return accept(value);
}

/** Problems with a `maxLength` setting: it must be a whole number from 1 to the type's cap. */
export function maxLengthProblems(field: FieldDefinition, cap: number, hint = ''): string[] {
  const { maxLength } = field;
  if (maxLength === undefined) return [];
  if (typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength >= 1 && maxLength <= cap) return [];
  return [`maxLength must be a whole number from 1 to ${cap} (got ${String(maxLength)})${hint ? `; ${hint}` : ''}`];
}
