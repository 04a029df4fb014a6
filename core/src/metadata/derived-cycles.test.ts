import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { checkEntities } from './check-entities.js';

const cycles = (...entities: ReturnType<typeof defineEntity>[]) => checkEntities(entities).filter((p) => p.code === 'KITH_DERIVED_FIELD_CYCLE').map((p) => p.message);

describe('loops between derived fields', () => {
  it('refuses a roll-up over a formula that reads the roll-up back', () => {
    const box = defineEntity({ name: 'box', fields: { total: { type: 'rollup', rollup: { relation: 'items', op: 'sum', field: 'share' } } } });
    const item = defineEntity({ name: 'item', fields: { box: { type: 'relation', target: 'box', inverse: 'items' }, share: { type: 'computed', resultType: 'decimal', formula: { var: 'box.total' } } } });
    expect(cycles(box, item)).toEqual(['box.total, item.share are computed from each other across records, so a change would never settle; break the loop by reading stored fields instead.']);
  });

  it('refuses a roll-up over itself through a self-relation, and a loop through a formula of the parent', () => {
    const task = defineEntity({ name: 'task', fields: { parent: { type: 'relation', target: 'task', inverse: 'subtasks' }, hours: { type: 'rollup', rollup: { relation: 'subtasks', op: 'sum', field: 'hours' } } } });
    expect(cycles(task)).toHaveLength(1);
    const box = defineEntity({ name: 'box', fields: { total: { type: 'rollup', rollup: { relation: 'items', op: 'sum', field: 'share' } }, half: { type: 'computed', resultType: 'decimal', formula: { '/': [{ var: 'total' }, 2] } } } });
    const item = defineEntity({ name: 'item', fields: { box: { type: 'relation', target: 'box', inverse: 'items' }, share: { type: 'computed', resultType: 'decimal', formula: { var: 'box.half' } } } });
    expect(cycles(box, item)[0]).toMatch(/^box.half, box.total, item.share are computed from each other/);
  });

  it('accepts chains that settle, and loops among one record\'s own formulas', () => {
    const company = defineEntity({ name: 'company', fields: { factor: { type: 'decimal' }, count: { type: 'rollup', rollup: { relation: 'deals', op: 'count' } }, total: { type: 'rollup', rollup: { relation: 'deals', op: 'sum', field: 'weighted' } } } });
    const deal = defineEntity({
      name: 'deal',
      fields: {
        company: { type: 'relation', target: 'company', inverse: 'deals' },
        amount: { type: 'decimal' },
        weighted: { type: 'computed', resultType: 'decimal', formula: { '*': [{ var: 'amount' }, { var: 'company.factor' }] } },
        siblings: { type: 'computed', resultType: 'integer', formula: { var: 'company.count' } },
        a: { type: 'computed', resultType: 'integer', formula: { var: 'b' } },
        b: { type: 'computed', resultType: 'integer', formula: { var: 'a' } },
      },
    });
    expect(cycles(company, deal)).toEqual([]);
  });
});
