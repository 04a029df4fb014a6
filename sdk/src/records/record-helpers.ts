import type { ListQuery, RecordsApi, StoredRecord } from '../types/records.js';

/** The largest page the record service hands out. */
export const PAGE = 500;

/**
 * Every record matching `query`, page by page, as the caller of `records` may see them. There
 * are no aggregate queries through the records API, so sums and merges page through; `max` bounds the work.
 */
export async function listAll(records: RecordsApi, entity: string, query: Omit<ListQuery, 'cursor' | 'limit'>, max = 20_000): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await records.list(entity, { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) });
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor && out.length < max);
  return out;
}

/** The stable code of an error thrown by the record service (Kith errors carry one), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A record's display title: its title field, a person's name joined, or `#id`. */
export function titleOf(record: StoredRecord, titleField: string | undefined): string {
  const value = titleField ? record[titleField] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  if (value && typeof value === 'object') {
    const { first, last } = value as { first?: unknown; last?: unknown };
    const text = [first, last].filter((p) => typeof p === 'string' && p !== '').join(' ');
    if (text) return text;
  }
  return `#${record.id}`;
}
