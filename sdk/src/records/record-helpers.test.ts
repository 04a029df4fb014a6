import { describe, expect, it } from 'vitest';
import type { ListQuery, RecordsApi, StoredRecord } from '../types/records.js';
import { errorCode, listAll, titleOf } from './record-helpers.js';

/** A records API over `n` rows whose pages are `size` long, recording the queries it got. */
function fakeRecords(n: number, size: number): RecordsApi & { queries: ListQuery[] } {
  const queries: ListQuery[] = [];
  const list = async (_entity: string, query: ListQuery = {}) => {
    queries.push(query);
    const from = query.cursor ? Number(query.cursor) : 0;
    const data = Array.from({ length: Math.max(0, Math.min(size, n - from)) }, (_, i) => ({ id: from + i + 1, version: 1 }));
    return { data, nextCursor: from + size < n ? String(from + size) : null };
  };
  return { queries, list } as unknown as RecordsApi & { queries: ListQuery[] };
}

describe('record helpers for plugins', () => {
  it('listAll follows the cursor to the end, and stops at max', async () => {
    const records = fakeRecords(1200, 500);
    expect((await listAll(records, 'x', { filter: { a: 1 } })).map((r) => r.id)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    expect(records.queries).toEqual([
      { filter: { a: 1 }, limit: 500 },
      { filter: { a: 1 }, limit: 500, cursor: '500' },
      { filter: { a: 1 }, limit: 500, cursor: '1000' },
    ]);
    expect(await listAll(fakeRecords(1200, 500), 'x', {}, 600)).toHaveLength(1000);
  });

  it('errorCode and titleOf', () => {
    expect(errorCode({ code: 'KITH_ENTITY_NOT_FOUND' })).toBe('KITH_ENTITY_NOT_FOUND');
    expect(errorCode(new Error('x'))).toBeUndefined();
    const record = (name: unknown) => ({ id: 3, version: 1, name }) as unknown as StoredRecord;
    expect(titleOf(record({ first: 'Ana', last: 'Quispe' }), 'name')).toBe('Ana Quispe');
    expect(titleOf(record(''), 'name')).toBe('#3');
  });
});
