import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { checkEntities } from './check-entities.js';

const company = defineEntity({ name: 'company', fields: { name: { type: 'text' }, deals: { type: 'integer' } } });

describe('checkEntities', () => {
  it('accepts a consistent model', () => {
    const deal = defineEntity({ name: 'deal', fields: { company: { type: 'relation', target: 'company', inverse: 'openDeals' }, amount: { type: 'currency' } } });
    expect(checkEntities([company, deal])).toEqual([]);
  });

  it('finds column clashes, missing targets, inverse clashes and bad settings, all at once', () => {
    const deal = defineEntity({
      name: 'deal',
      fields: {
        amount: { type: 'currency' },
        amountCurrency: { type: 'text' },
        owner: { type: 'relation', target: 'person' },
        company: { type: 'relation', target: 'company', inverse: 'deals' },
        stage: { type: 'select', options: ['a'], maxLength: -3 },
      },
    });
    const problems = checkEntities([company, deal]);
    const text = problems.map((p) => `${p.field}: ${p.message}`).join('\n');
    expect(text).toMatch(/deal\.amountCurrency: .*share the column "amount_currency" with field "amount"/);
    expect(text).toMatch(/deal\.owner\.target: relation target "person" is not an entity/);
    expect(text).toMatch(/deal\.company\.inverse: inverse "deals" clashes with the field company\.deals/);
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses two entities with one name and names reserved for the system', () => {
    const problems = checkEntities([company, company, { ...company, name: 'kithUser', id: 'kithUser' }]);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/defined twice[\s\S]*reserved/);
  });
});
