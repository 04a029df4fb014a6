import { defineEntity } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { checkEntities, problemsIntroduced, toleratedWhenStored } from './check-entities.js';

const company = defineEntity({ name: 'company', fields: { name: { type: 'text' }, parent: { type: 'relation', target: 'company' } } });
const dealWith = (fields: Parameters<typeof defineEntity>[0]['fields']) =>
  defineEntity({ name: 'deal', fields: { title: { type: 'text' }, amount: { type: 'currency' }, company: { type: 'relation', target: 'company' }, ...fields } });
const problemsOf = (fields: Parameters<typeof defineEntity>[0]['fields']) => checkEntities([company, dealWith(fields)]).map((p) => `${p.code} ${p.field}: ${p.message}`);

describe('formula checks', () => {
  it('accepts formulas over the record and its direct parents, and defaults over the input', () => {
    expect(
      problemsOf({
        label: { type: 'computed', resultType: 'text', formula: { cat: [{ var: 'title' }, ' @ ', { var: 'company.name' }, { var: 'company.id' }, { var: 'amount.amount' }] } },
        parentId: { type: 'computed', resultType: 'integer', formula: { var: 'company.parent' } },
        code: { type: 'text', defaultFormula: { cat: [{ var: '$today' }, { var: 'title' }, { var: '$user' }, { var: '$now' }, { var: 'company' }] } },
      }),
    ).toEqual([]);
  });

  it('names the formula and the field it cannot find', () => {
    expect(problemsOf({ f: { type: 'computed', resultType: 'text', formula: { var: 'titel' } } })).toEqual([
      'KITH_FORMULA_UNKNOWN_FIELD deal.f.formula: The formula of deal.f reads "titel", but "titel" is not a field of deal. Known fields: title, amount, company, f.',
    ]);
    expect(problemsOf({ f: { type: 'computed', resultType: 'text', formula: { var: 'company.nam' } } })[0]).toMatch(/"nam" is not a field of company \(the target of company\)/);
  });

  it('refuses reading two relations deep, a relation both as id and as record, and parents in defaults', () => {
    expect(problemsOf({ f: { type: 'computed', resultType: 'text', formula: { var: 'company.parent.name' } } })[0]).toMatch(/^KITH_FORMULA_INVALID deal.f.formula: .*two relations deep/);
    expect(problemsOf({ f: { type: 'computed', resultType: 'text', formula: { if: [{ var: 'company' }, { var: 'company.name' }, null] } } })[0]).toMatch(/write "company.id" for its id/);
    expect(problemsOf({ f: { type: 'text', defaultFormula: { var: 'company.name' } } })[0]).toMatch(/^KITH_FORMULA_INVALID deal.f.defaultFormula: .*reads the input only/);
  });

  it('refuses expressions the safe evaluator refuses', () => {
    expect(problemsOf({ f: { type: 'text', defaultFormula: { log: 1 } } })[0]).toMatch(/^KITH_FORMULA_INVALID deal.f.defaultFormula: The default formula of deal.f: "log"/);
    expect(problemsOf({ f: { type: 'computed', resultType: 'text', formula: { var: '__proto__.x' } } })[0]).toMatch(/KITH_FORMULA_INVALID/);
  });

  it('tolerates what stored metadata already had, but never a new problem', () => {
    const stale = dealWith({ f: { type: 'computed', resultType: 'text', formula: { var: 'gone' } } });
    const problems = checkEntities([company, stale]);
    expect(problems.every(toleratedWhenStored)).toBe(true);
    // An unrelated change on top of the stale formula goes through; a new stale formula does not.
    expect(problemsIntroduced([company, stale], [company, { ...stale, label: { en: 'Deals!' } }])).toEqual([]);
    const worse = dealWith({ f: { type: 'computed', resultType: 'text', formula: { var: 'gone' } }, g: { type: 'computed', resultType: 'text', formula: { var: 'lost' } } });
    expect(problemsIntroduced([company, stale], [company, worse]).map((p) => p.field)).toEqual(['deal.g.formula']);
  });
});
