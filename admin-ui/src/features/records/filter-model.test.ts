import { describe, expect, it } from 'vitest';
import type { FilterPath } from '../../api/types.js';
import { fromApiFilter, operatorsFor, toApiFilter } from './filter-model.js';

const paths: FilterPath[] = [
  { path: 'title', field: 'title', type: 'text', kind: 'text', operators: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$like', '$ilike', '$null'] },
  { path: 'stage', field: 'stage', type: 'select', kind: 'text', operators: ['$eq', '$ne', '$in', '$nin', '$null'] },
  { path: 'amount', field: 'amount', type: 'currency', kind: 'decimal', operators: ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$null'] },
  { path: 'tags', field: 'tags', type: 'multiSelect', kind: 'json', operators: ['$in', '$nin', '$null'] },
  { path: 'closedAt', field: 'closedAt', type: 'datetime', kind: 'datetime', operators: ['$eq', '$gt', '$lt', '$null'] },
];
const at = (p: string) => paths.find((x) => x.path === p)!;

describe('the filter model', () => {
  it('offers the conditions the server lists for each path, friendlier where one operator reads better as two', () => {
    expect(operatorsFor(at('title'))).toEqual(['$eq', '$ne', 'contains', 'startsWith', '$in', '$nin', 'empty', 'notEmpty']);
    expect(operatorsFor(at('stage'))).toEqual(['$eq', '$ne', '$in', '$nin', 'empty', 'notEmpty']);
    expect(operatorsFor(at('amount'))).toContain('$gte');
    expect(operatorsFor(at('tags'))).toEqual(['$in', '$nin', 'empty', 'notEmpty']);
  });

  it('writes the API filter: one condition alone, several under $and or $or, numbers as numbers, patterns escaped', () => {
    expect(toApiFilter({ mode: 'and', rows: [{ path: 'stage', op: '$eq', value: 'won' }] }, paths)).toEqual({ stage: { $eq: 'won' } });
    expect(
      toApiFilter(
        {
          mode: 'or',
          rows: [
            { path: 'amount', op: '$gt', value: '5000' },
            { path: 'title', op: 'contains', value: '50%_off' },
            { path: 'stage', op: '$in', value: ['won', 'lost'] },
            { path: 'tags', op: 'empty' },
          ],
        },
        paths,
      ),
    ).toEqual({ $or: [{ amount: { $gt: 5000 } }, { title: { $ilike: '%50\\%\\_off%' } }, { stage: { $in: ['won', 'lost'] } }, { tags: { $null: true } }] });
  });

  it('leaves out rows without a value and rows on paths the caller may not use', () => {
    expect(toApiFilter({ mode: 'and', rows: [{ path: 'stage', op: '$eq', value: '' }, { path: 'margin', op: '$eq', value: 3 }] }, paths)).toBeNull();
  });

  it('reads back what it wrote (a saved view, a link), and refuses what it cannot show', () => {
    const state = { mode: 'or' as const, rows: [{ path: 'title', op: 'startsWith' as const, value: 'a_b' }, { path: 'closedAt', op: 'notEmpty' as const }] };
    expect(fromApiFilter(toApiFilter(state, paths))).toEqual(state);
    expect(fromApiFilter({ stage: 'won', amount: { $gt: 10 } })).toEqual({ mode: 'and', rows: [{ path: 'stage', op: '$eq', value: 'won' }, { path: 'amount', op: '$gt', value: 10 }] });
    expect(fromApiFilter({ $not: { stage: 'won' } })).toBeUndefined();
    expect(fromApiFilter({ title: { $ilike: 'a%b%' } })).toBeUndefined();
  });
});
