import { Errors } from '../../errors/index.js';

type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/** A newest-first page: `limit` (1–max, default 50), `cursor` (the previous page's `nextCursor`), plus the named extras. */
export function parsePageQuery(query: RawQuery, extras: readonly string[], max = 200): { limit: number; before?: number; extra: Record<string, string> } {
  const allowed = ['limit', 'cursor', ...extras];
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${allowed.join(', ')}.`);
    if (Array.isArray(value)) throw Errors.invalidQuery(key, `Send "${key}" once.`);
    if (extras.includes(key) && value !== undefined && value !== '') extra[key] = value;
  }
  const limitText = query.limit as string | undefined;
  const limit = limitText === undefined || limitText === '' ? 50 : /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw Errors.invalidQuery('limit', `limit is a whole number from 1 to ${max}.`);
  const cursor = query.cursor as string | undefined;
  if (cursor === undefined || cursor === '') return { limit, extra };
  if (!/^[1-9]\d{0,15}$/.test(cursor)) throw Errors.invalidQuery('cursor', 'cursor is the "nextCursor" of the previous page.');
  return { limit, before: Number(cursor), extra };
}
