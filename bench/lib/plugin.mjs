import { defineEntity, definePlugin } from '@kith/sdk';
import { STAGES } from './deal-shape.mjs';

/** The bench plugin: `deal` (the measured entity) and `big` (the 1,000,000-row add-field target). */
export const benchPlugin = definePlugin({
  id: 'bench',
  version: '1.0.0',
  description: 'Entities for `pnpm bench`',
  entities: [
    defineEntity({
      name: 'deal',
      fields: {
        title: { type: 'text' },
        stage: { type: 'select', options: STAGES },
        amount: { type: 'decimal' },
        owner: { type: 'text' },
        closeDate: { type: 'date' },
      },
      indexes: [['stage', 'amount']],
    }),
    defineEntity({
      name: 'opportunity',
      ownerField: 'rep',
      fields: {
        title: { type: 'text' },
        stage: { type: 'select', options: STAGES },
        amount: { type: 'decimal' },
        margin: { type: 'decimal' },
        rep: { type: 'user' },
      },
      // As a consultant would declare it; Kith appends id and the owner column to list indexes.
      indexes: [['stage', 'amount']],
    }),
    defineEntity({
      name: 'big',
      fields: {
        name: { type: 'text' },
        score: { type: 'integer' },
        note: { type: 'text' },
      },
    }),
  ],
});

/** Deal number `i` (deterministic, so both sides of a run read the same data). */
export function dealRow(i) {
  const day = 1 + (i % 28);
  return {
    title: `Deal ${i}`,
    stage: STAGES[i % STAGES.length],
    amount: ((i * 7919) % 1_000_000) / 100,
    owner: `owner-${i % 50}`,
    closeDate: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** Row `i` of `big`. */
export function bigRow(i) {
  return { name: `Row ${i}`, score: i % 1000, note: 'bench' };
}

/** Opportunity `i`: owned by one of 50 users (ids 1–50), so an own scope sees 2 % and a 5-person team 10 %. */
export function opportunityRow(i) {
  return { title: `Opportunity ${i}`, stage: STAGES[i % STAGES.length], amount: ((i * 7919) % 1_000_000) / 100, margin: (i % 40) + 0.5, rep: 1 + (i % 50) };
}
