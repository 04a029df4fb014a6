import { Errors } from '../errors/index.js';

/** Largest history page. */
export const MAX_HISTORY_PAGE = 200;
const DEFAULT_HISTORY_PAGE = 50;
const ALLOWED = ['limit', 'cursor'];

/** The query string of a history request. */
export type HistoryRawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** A parsed history page request: newest first, below `before` when it is set. */
export interface HistoryQuery {
  readonly limit: number;
  readonly before: number | undefined;
}

function single(query: HistoryRawQuery, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  return v;
}

/**
 * Parses `limit` (1–200, default 50) and `cursor`. History pages are keyed on the entry's
 * sequence number, which only grows, so the cursor is that plain number (the `nextCursor`
 * of the previous page); it reveals nothing a page does not already show.
 */
export function parseHistoryQuery(query: HistoryRawQuery): HistoryQuery {
  for (const key of Object.keys(query)) {
    if (!ALLOWED.includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${ALLOWED.join(', ')}.`);
  }
  const limitText = single(query, 'limit');
  const limit = limitText === undefined ? DEFAULT_HISTORY_PAGE : /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_HISTORY_PAGE) {
    throw Errors.invalidQuery('limit', `limit must be a whole number from 1 to ${MAX_HISTORY_PAGE}.`);
  }
  const cursorText = single(query, 'cursor');
  if (cursorText === undefined || cursorText === '') return { limit, before: undefined };
  const before = /^[1-9]\d{0,15}$/.test(cursorText) ? Number(cursorText) : Number.NaN;
  if (!Number.isSafeInteger(before)) throw Errors.invalidQuery('cursor', 'cursor is the "nextCursor" of the previous page (a whole number); start again without one.');
  return { limit, before };
}

/** A page of at most `limit` items from `limit + 1` fetched, with the cursor of the next page. */
export function toPage<T>(rows: readonly T[], limit: number, key: (row: T) => number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last !== undefined ? String(key(last)) : null };
}
