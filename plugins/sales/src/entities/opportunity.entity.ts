import { defineEntity } from '@kith/sdk';

/** Why deals are lost (consultants add their own). */
export const LOST_REASONS = ['price', 'competitor', 'no-budget', 'no-decision', 'timing', 'product-fit', 'other'] as const;

/**
 * A deal in a pipeline. Probability, won and lost come from the stage (formulas over the
 * parent, recomputed when a consultant changes the stage), unless `probabilityOverride` is set.
 */
export const opportunityEntity = defineEntity({
  name: 'opportunity',
  label: { en: 'Opportunity', es: 'Oportunidad' },
  labelPlural: { en: 'Opportunities', es: 'Oportunidades' },
  titleField: 'name',
  ownerField: 'owner',
  fields: {
    name: { type: 'text', required: true, searchable: true, maxLength: 200, label: { en: 'Name', es: 'Nombre' } },
    account: { type: 'relation', target: 'account', inverse: 'opportunities', required: true, label: { en: 'Account', es: 'Cuenta' } },
    contact: { type: 'relation', target: 'contact', inverse: 'opportunities', label: { en: 'Main contact', es: 'Contacto principal' } },
    pipeline: { type: 'relation', target: 'pipeline', inverse: 'opportunities', required: true, label: { en: 'Pipeline', es: 'Embudo' } },
    stage: { type: 'relation', target: 'stage', inverse: 'opportunities', required: true, label: { en: 'Stage', es: 'Etapa' } },
    amount: { type: 'currency', defaultCurrency: 'USD', min: 0, label: { en: 'Amount', es: 'Importe' } },
    expectedCloseDate: { type: 'date', label: { en: 'Expected close', es: 'Cierre previsto' } },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    nextStep: { type: 'text', maxLength: 255, label: { en: 'Next step', es: 'Próximo paso' } },
    lostReason: { type: 'select', options: LOST_REASONS, label: { en: 'Lost reason', es: 'Motivo de pérdida' } },
    source: { type: 'select', options: ['web', 'referral', 'event', 'cold-call', 'partner', 'advertising', 'existing-customer', 'other'], label: { en: 'Source', es: 'Origen' } },
    probabilityOverride: { type: 'percent', min: 0, max: 100, label: { en: 'Probability (override)', es: 'Probabilidad (manual)' } },
    closedAt: { type: 'datetime', label: { en: 'Closed at', es: 'Cerrada el' } },
    description: { type: 'longText', label: { en: 'Description', es: 'Descripción' } },
    // The lead it was converted from: unique, so one lead can never yield two opportunities.
    lead: { type: 'relation', target: 'lead', unique: true, label: { en: 'Converted from lead', es: 'Convertida del prospecto' } },
    stagePipeline: { type: 'computed', resultType: 'integer', formula: { var: 'stage.pipeline' }, label: { en: "Stage's pipeline", es: 'Embudo de la etapa' } },
    probability: {
      type: 'computed',
      resultType: 'decimal',
      formula: { if: [{ '!=': [{ var: 'probabilityOverride' }, null] }, { var: 'probabilityOverride' }, { var: 'stage.probability' }] },
      label: { en: 'Probability', es: 'Probabilidad' },
    },
    isWon: { type: 'computed', resultType: 'boolean', formula: { '!!': { var: 'stage.isWon' } }, label: { en: 'Won', es: 'Ganada' } },
    isLost: { type: 'computed', resultType: 'boolean', formula: { '!!': { var: 'stage.isLost' } }, label: { en: 'Lost', es: 'Perdida' } },
    isClosed: { type: 'computed', resultType: 'boolean', formula: { or: [{ '!!': { var: 'stage.isWon' } }, { '!!': { var: 'stage.isLost' } }] }, label: { en: 'Closed', es: 'Cerrada' } },
    weightedAmount: {
      type: 'computed',
      resultType: 'decimal',
      formula: { '/': [{ '*': [{ var: 'amount.amount' }, { var: 'probability' }] }, 100] },
      label: { en: 'Weighted amount', es: 'Importe ponderado' },
    },
  },
  indexes: [['pipeline', 'stage'], ['stage', 'expectedCloseDate'], ['owner', 'expectedCloseDate'], ['account']],
});
