/**
 * The seed never reads the clock: every date is an offset from this fixed day, so the
 * data is the same on every run. Open deals close after it, closed deals before it.
 */
export const REFERENCE_DATE = '2026-11-01';

const REFERENCE_MS = Date.parse(`${REFERENCE_DATE}T00:00:00.000Z`);
const DAY_MS = 86_400_000;

/** The ISO date `days` after the reference date (negative for before). */
export function isoDate(days: number): string {
  return new Date(REFERENCE_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The ISO instant (UTC) of a local wall-clock time `days` after the reference date,
 * in a place `utcOffsetHours` from UTC (Lima −5, Madrid +1).
 */
export function isoDateTime(days: number, localHour: number, minute: number, utcOffsetHours: number): string {
  const ms = REFERENCE_MS + days * DAY_MS + ((localHour - utcOffsetHours) * 60 + minute) * 60_000;
  return new Date(ms).toISOString();
}

/** Whole days from the reference date to an ISO date or instant (negative when before). */
export function daysFromReference(iso: string): number {
  return Math.floor((Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso) - REFERENCE_MS) / DAY_MS);
}
