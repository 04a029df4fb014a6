import { describe, expect, it } from 'vitest';
import { parseHistoryQuery, toPage } from './history-query.js';

describe('parseHistoryQuery', () => {
  it('defaults to 50 entries from the newest', () => {
    expect(parseHistoryQuery({})).toEqual({ limit: 50, before: undefined });
    expect(parseHistoryQuery({ limit: '200', cursor: '17' })).toEqual({ limit: 200, before: 17 });
  });

  it.each([{ limit: '0' }, { limit: '201' }, { limit: '-1' }, { limit: '2.5' }, { limit: 'ten' }, { limit: ['1', '2'] }])('refuses limit %o', (query) => {
    expect(() => parseHistoryQuery(query)).toThrow(expect.objectContaining({ code: 'KITH_QUERY_INVALID', field: 'limit' }));
  });

  it.each(['0', '-3', 'abc', '1e3', '99999999999999999'])('refuses cursor %s', (cursor) => {
    expect(() => parseHistoryQuery({ cursor })).toThrow(expect.objectContaining({ code: 'KITH_QUERY_INVALID', field: 'cursor' }));
  });

  it('refuses unknown parameters', () => {
    expect(() => parseHistoryQuery({ sort: 'id' })).toThrow(expect.objectContaining({ code: 'KITH_QUERY_INVALID', field: 'sort' }));
  });
});

describe('toPage', () => {
  it('returns the cursor of the last item only when more follow', () => {
    expect(toPage([9, 8, 7], 2, (n) => n)).toEqual({ data: [9, 8], nextCursor: '8' });
    expect(toPage([9, 8], 2, (n) => n)).toEqual({ data: [9, 8], nextCursor: null });
    expect(toPage([], 2, (n: number) => n)).toEqual({ data: [], nextCursor: null });
  });
});
