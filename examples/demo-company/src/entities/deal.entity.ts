import { defineEntity } from '@kith/sdk';
import { readableOptions } from './options.js';

/** Pipeline stages, in order. */
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** One pipeline stage. */
export type DealStage = (typeof DEAL_STAGES)[number];

/** Stages after which a deal no longer moves. */
export const CLOSED_STAGES: readonly DealStage[] = ['won', 'lost'];

/** The win probability (percent) that goes with each stage. */
export const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = {
  prospecting: 10,
  qualification: 20,
  proposal: 50,
  negotiation: 70,
  won: 100,
  lost: 0,
};

/** Where a deal came from. */
export const DEAL_SOURCES = ['web', 'referral', 'trade-show', 'cold-call', 'partner'] as const;

/** One deal source. */
export type DealSource = (typeof DEAL_SOURCES)[number];

const STAGE_COLORS: Readonly<Record<DealStage, string>> = {
  prospecting: '#94a3b8',
  qualification: '#60a5fa',
  proposal: '#a78bfa',
  negotiation: '#f59e0b',
  won: '#22c55e',
  lost: '#ef4444',
};

/** A sales opportunity. */
export const dealEntity = defineEntity({
  name: 'deal',
  description: 'A sales opportunity with a company.',
  titleField: 'title',
  ownerField: 'owner',
  fields: {
    title: { type: 'text', required: true, searchable: true, maxLength: 200 },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    company: { type: 'relation', target: 'company', inverse: 'deals' },
    contact: { type: 'relation', target: 'contact', inverse: 'deals' },
    stage: {
      type: 'select',
      required: true,
      options: readableOptions(DEAL_STAGES).map((o) => ({ ...o, color: STAGE_COLORS[o.value] })),
    },
    amount: { type: 'currency', defaultCurrency: 'USD' },
    probability: { type: 'percent', min: 0, max: 100 },
    expectedClose: { type: 'date' },
    closedAt: { type: 'datetime' },
    source: { type: 'select', options: readableOptions(DEAL_SOURCES) },
    lostReason: { type: 'text', maxLength: 300 },
    weightedAmount: {
      type: 'computed',
      resultType: 'decimal',
      description: 'Amount × probability, in the deal’s own currency.',
      formula: { '*': [{ var: 'amount.amount' }, { '/': [{ var: 'probability' }, 100] }] },
    },
  },
  indexes: [['stage', 'amount'], ['company'], ['expectedClose']],
});
