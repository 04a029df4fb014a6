// On demand, never in CI: `npx vitest bench --run core/src/rules`. Figures, not assertions.
import jsonLogic from 'json-logic-js';
import { bench, describe } from 'vitest';
import { compileExpression, evaluate } from './index.js';

/** json-logic-js itself, typed for plain data: the unsafe baseline. */
const stockApply = jsonLogic.apply as (logic: unknown, data?: unknown) => unknown;

const rule = { and: [{ '>': [{ var: 'amount.amount' }, 1000] }, { '==': [{ var: 'stage' }, 'won'] }] };
const deal = { id: 7, title: 'Big one', stage: 'won', amount: { amount: 1200, currency: 'EUR' } };
const compiled = compileExpression(rule);

describe('a 2-clause rule', () => {
  bench('json-logic-js apply (unsafe baseline)', () => {
    stockApply(rule, deal);
  });
  bench('Kith compiled .evaluate', () => {
    compiled.evaluate(deal);
  });
  bench('Kith evaluate (check + run each time)', () => {
    evaluate(rule, deal);
  });
});
