import { defineEntity, type EntityDefinition, type FieldInput } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { checkEntities } from './check-entities.js';
import { withInferredResultType } from './check-rollups.js';

const deal = defineEntity({
  name: 'deal',
  fields: {
    title: { type: 'text' },
    stage: { type: 'select', options: ['open', 'won'] },
    amount: { type: 'currency' },
    units: { type: 'integer' },
    closeDate: { type: 'date' },
    company: { type: 'relation', target: 'company', inverse: 'deals' },
    partner: { type: 'relation', target: 'company' },
  },
});
const companyWith = (rollups: Record<string, FieldInput>): EntityDefinition => defineEntity({ name: 'company', fields: { name: { type: 'text' }, ...rollups } });
const problemsOf = (rollups: Record<string, FieldInput>) => checkEntities([companyWith(rollups), deal]).map((p) => ({ field: p.field, code: p.code, message: p.message }));

describe('roll-up checks', () => {
  it('accepts an inverse name or child.relation, with and without a condition', () => {
    expect(
      problemsOf({
        count: { type: 'rollup', rollup: { relation: 'deals', op: 'count' } },
        partnered: { type: 'rollup', rollup: { relation: 'deal.partner', op: 'count' } },
        won: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'amount', where: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '>': [{ var: 'units' }, 0] }] } } },
        units: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'units', resultType: 'integer' } },
        first: { type: 'rollup', rollup: { relation: 'deals', op: 'min', field: 'closeDate', resultType: 'date' } },
        dated: { type: 'rollup', rollup: { relation: 'deals', op: 'count', field: 'closeDate' } },
      }),
    ).toEqual([]);
  });

  it('names the relation lists an unknown relation could have meant', () => {
    expect(problemsOf({ x: { type: 'rollup', rollup: { relation: 'orders', op: 'count' } } })).toEqual([
      { field: 'company.x.rollup.relation', code: 'KITH_ROLLUP_INVALID', message: '"orders" is not a one-to-many list of company; lists pointing at company: "deals" (deal.company), "deal.partner"' },
    ]);
    expect(problemsOf({ x: { type: 'rollup', rollup: { relation: 'invoice.company', op: 'count' } } })[0]?.message).toMatch(/^"invoice" is not an entity/);
    expect(problemsOf({ x: { type: 'rollup', rollup: { relation: 'deal.stage', op: 'count' } } })[0]?.message).toMatch(/^deal.stage is not a relation pointing at company/);
  });

  it('refuses fields that do not add up or order, and result types that cannot hold the value', () => {
    const found = problemsOf({
      a: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'title' } },
      b: { type: 'rollup', rollup: { relation: 'deals', op: 'avg', field: 'closeDate' } },
      c: { type: 'rollup', rollup: { relation: 'deals', op: 'max', field: 'closeDate' } },
      d: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'amount', resultType: 'integer' } },
      e: { type: 'rollup', rollup: { relation: 'deals', op: 'min', field: 'units', resultType: 'date' } },
      f: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'missing' } },
    });
    expect(found.map((p) => [p.field, p.message])).toEqual([
      ['company.a.rollup.field', 'sum cannot aggregate deal.title, a text field; use a number, currency, percent, date or datetime field'],
      ['company.b.rollup.field', 'avg needs a number or an amount, but deal.closeDate is a date; use min or max for dates'],
      ['company.c.rollup.field', 'the max of deal.closeDate is a date: set "resultType": "date"'],
      ['company.d.rollup.resultType', 'the sum of deal.amount has decimals: use "resultType": "decimal"'],
      ['company.e.rollup.resultType', 'the min of deal.units is a number: use "resultType": "decimal"'],
      ['company.f.rollup.field', '"missing" is not a field of deal; known fields: title, stage, amount, units, closeDate, company, partner'],
    ]);
  });

  it('refuses conditions outside the SQL subset, on unknown fields, on the caller, or with values that do not fit', () => {
    const where = (w: unknown) => problemsOf({ x: { type: 'rollup', rollup: { relation: 'deals', op: 'count', where: w } } }).map((p) => `${p.field}: ${p.message}`);
    expect(where({ '==': [{ var: 'colour' }, 'red'] })).toEqual(['company.x.rollup.where: "colour" is not a field of deal']);
    expect(where({ '==': [{ var: 'createdBy' }, { var: '$user.id' }] })).toEqual(['company.x.rollup.where: the condition reads $user.id; a roll-up\'s condition reads only fields of deal']);
    expect(where({ '+': [1, 2] })[0]).toMatch(/"\+" is not supported in a role condition/);
    expect(where({ '>': [{ var: 'stage' }, 'open'] })[0]).toMatch(/^company.x.rollup.where: \$gt does not fit "stage"/);
  });

  it('fills the result type of a min or max of dates saved over the API', () => {
    const company = companyWith({});
    const byName = new Map([['company', company], ['deal', deal]]);
    const field = (op: 'min' | 'sum', fieldName: string) => ({ id: 'company.x', name: 'x', type: 'rollup' as const, label: { en: 'X' }, source: 'custom' as const, rollup: { relation: 'deals', op, field: fieldName } });
    expect(withInferredResultType(company, field('min', 'closeDate'), byName).rollup?.resultType).toBe('date');
    expect(withInferredResultType(company, field('min', 'amount'), byName).rollup?.resultType).toBeUndefined();
    expect(withInferredResultType(company, field('sum', 'closeDate'), byName).rollup?.resultType).toBeUndefined();
  });
});
