import type { ValueCheck } from './field-type.js';
import { accept, quote, refuse } from './value-check.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Leap years of the proleptic Gregorian calendar, the one PostgreSQL and JS dates use. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True for a day that exists: years 1–9999 (PostgreSQL has no year 0), no 30 February. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return Number.isInteger(day) && day >= 1 && day <= days;
}

/** Formats a checked day as `YYYY-MM-DD`. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Checks a `YYYY-MM-DD` string names a real day. */
export function checkIsoDate(value: unknown): ValueCheck {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return refuse(`${quote(value)} is not a date; write it as YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return refuse(`${quote(value)} is not a day in the calendar`);
  return accept(value);
}
