import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { conditionToFilter } from './condition-to-filter.js';

const deal = defineEntity({ name: 'deal', fields: { stage: { type: 'select', options: ['open', 'won'] }, amount: { type: 'currency' }, region: { type: 'text' }, owner: { type: 'user' } }, ownerField: 'owner' });
const ctx = { userId: 7, teamUserIds: [7, 8, 9] };

describe('conditionToFilter', () => {
  it('compiles the supported subset into the filter language, with the caller substituted', () => {
    const result = conditionToFilter(
      { and: [{ '==': [{ var: 'region' }, 'south'] }, { or: [{ '>': [{ var: 'amount.amount' }, 1000] }, { in: [{ var: 'owner' }, { var: '$user.teamUserIds' }] }] }, { '!': { '==': [{ var: 'stage' }, 'won'] } }] },
      deal,
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        $and: [{ region: { $eq: 'south' } }, { $or: [{ 'amount.amount': { $gt: 1000 } }, { owner: { $in: [7, 8, 9] } }] }, { $not: { stage: { $eq: 'won' } } }],
      },
    });
    expect(conditionToFilter({ '==': [{ var: 'owner' }, { var: '$user.id' }] }, deal, ctx)).toEqual({ ok: true, filter: { owner: { $eq: 7 } } });
  });

  it('refuses unsupported operators, unknown fields and prototype paths, saying what is supported', () => {
    const bad = [
      { reduce: [[1], { '+': [1, 1] }, 0] },
      { '==': [{ var: 'colour' }, 'red'] },
      { '==': [{ var: '__proto__.polluted' }, true] },
      { '==': [{ var: 'constructor' }, 1] },
      { '==': ['a', 'b'] },
      'stage',
    ];
    for (const condition of bad) {
      const result = conditionToFilter(condition, deal, ctx);
      expect(result.ok, JSON.stringify(condition)).toBe(false);
    }
    const r = conditionToFilter({ reduce: [] }, deal, ctx);
    expect(r.ok === false && r.problems[0]).toMatch(/"reduce" is not supported.*==/);
  });
});
