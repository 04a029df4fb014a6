import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../metadata/compile/compile-model.js';
import { derivedPlan } from './derived-plan.js';
import { emptyRollupValues, rollupAssignments } from './rollup-sql.js';
import { Params } from './sql.js';

const company = defineEntity({
  name: 'company',
  fields: {
    count: { type: 'rollup', rollup: { relation: 'deals', op: 'count' } },
    won: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'amount', where: { '==': [{ var: 'stage' }, 'won'] } } },
    average: { type: 'rollup', rollup: { relation: 'deals', op: 'avg', field: 'amount' }, scale: 1 },
    first: { type: 'rollup', rollup: { relation: 'deals', op: 'min', field: 'closeDate', resultType: 'date' } },
  },
});
const deal = defineEntity({
  name: 'deal',
  fields: { stage: { type: 'select', options: ['open', 'won'] }, amount: { type: 'currency' }, closeDate: { type: 'date' }, company: { type: 'relation', target: 'company', inverse: 'deals' } },
});

describe.each(['sqlite', 'postgresql'] as const)('roll-up SQL on %s', (dialect) => {
  const model = compileModel([company, deal], dialect, 0);
  const plans = derivedPlan(model).rollupsByChild.get('deal')!;

  it('sets each roll-up from one aggregate subquery over the live children', () => {
    const params = new Params(dialect);
    const sql = rollupAssignments(model, plans, 'company', params);
    const p = dialect === 'postgresql' ? '$1' : '?1';
    const live = `c."company_id" = "company"."id" AND c."deleted_at" IS NULL`;
    expect(sql.split(', "')).toEqual([
      `"count" = (SELECT COUNT(*) FROM "deal" c WHERE ${live})`,
      `won" = (SELECT COALESCE(ROUND(SUM(c."amount"), 2), 0) FROM "deal" c WHERE ${live} AND (c."stage" = ${p}))`,
      `average" = (SELECT ROUND(AVG(c."amount"), 1) FROM "deal" c WHERE ${live})`,
      `first" = (SELECT MIN(c."close_date") FROM "deal" c WHERE ${live})`,
    ]);
    expect(params.values).toEqual(['won']);
  });

  it('knows what moves each roll-up', () => {
    expect(plans.map((p) => [p.field.name, [...p.inputs].sort()])).toEqual([
      ['count', ['company']],
      ['won', ['amount', 'company', 'stage']],
      ['average', ['amount', 'company']],
      ['first', ['closeDate', 'company']],
    ]);
  });

  it('starts a new record at 0 for count and sum, null for the rest', () => {
    expect(Object.fromEntries(emptyRollupValues(model.entities.get('company')!))).toEqual({ count: 0, won: 0, average: null, first: null });
  });
});
