import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../metadata/compile/compile-model.js';
import { checkInput } from './record-input.js';

const deal = defineEntity({
  name: 'deal',
  fields: {
    title: { type: 'text', required: true },
    amount: { type: 'decimal' },
    size: { type: 'select', options: ['big', 'small'], required: true, defaultFormula: { if: [{ '>': [{ var: 'amount' }, 1000] }, 'big', 'small'] } },
    code: { type: 'text', defaultFormula: { cat: [{ var: 'size' }, '-', { var: '$today' }] } },
    owner: { type: 'user', defaultFormula: { var: '$user' } },
    opened: { type: 'datetime', defaultFormula: { var: '$now' } },
    broken: { type: 'integer', defaultFormula: { cat: ['not ', 'a number'] } },
  },
});
const entity = compileModel([deal], 'sqlite', 0).entities.get('deal')!;
const context = { now: '2026-11-25T09:30:00.000Z', userId: 7 };
const create = (body: Record<string, unknown>) => checkInput(entity, body, 'create', context);

describe('default formulas', () => {
  it('fill fields left out, in order, from the input, $today, $now and $user', () => {
    const { values, errors } = create({ title: 'A', amount: 5000, broken: 1 });
    expect(errors).toEqual([]);
    expect(Object.fromEntries(values)).toMatchObject({ size: 'big', code: 'big-2026-11-25', owner: 7, opened: '2026-11-25T09:30:00.000Z' });
  });

  it('never replace a value sent, not even null', () => {
    const { values, errors } = create({ title: 'A', size: 'small', code: null, owner: null, broken: 2 });
    expect(errors).toEqual([]);
    expect(Object.fromEntries(values)).toMatchObject({ size: 'small', code: null, owner: null, broken: 2 });
  });

  it('report a result the field refuses, naming the field', () => {
    expect(create({ title: 'A' }).errors).toEqual([
      { field: 'broken', code: 'KITH_DEFAULT_FORMULA_FAILED', message: 'The default formula of Broken (broken) gave "not a number", which it cannot hold: it does not fit an integer field' },
    ]);
  });

  it('apply on create only', () => {
    const { values, errors } = checkInput(entity, { title: 'B' }, 'update', context);
    expect(errors).toEqual([]);
    expect([...values.keys()]).toEqual(['title']);
  });
});
