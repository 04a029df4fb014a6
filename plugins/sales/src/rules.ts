import type { ValidationRuleInput } from '@kith/sdk';

/** sales' base validation rules (consultants may change or switch them off, never remove them). */
export const salesRules: ValidationRuleInput[] = [
  {
    name: 'stageInPipeline',
    entity: 'opportunity',
    // stagePipeline is a formula reading the stage's pipeline; a stage of another pipeline is refused.
    condition: { '!=': [{ var: 'stagePipeline' }, { var: 'pipeline' }] },
    message: { en: 'The stage belongs to another pipeline: choose a stage of this opportunity’s pipeline.', es: 'La etapa pertenece a otro embudo: elija una etapa del embudo de esta oportunidad.' },
    fields: ['stage'],
  },
  {
    name: 'lostNeedsReason',
    entity: 'opportunity',
    condition: { and: [{ var: 'isLost' }, { '!': { var: 'lostReason' } }] },
    message: { en: 'Say why the opportunity was lost.', es: 'Indique por qué se perdió la oportunidad.' },
    fields: ['lostReason'],
  },
  {
    name: 'wonOrLost',
    entity: 'stage',
    condition: { and: [{ var: 'isWon' }, { var: 'isLost' }] },
    message: { en: 'A stage is won or lost, not both.', es: 'Una etapa es ganada o perdida, no ambas.' },
    fields: ['isWon', 'isLost'],
  },
  {
    name: 'quantityPositive',
    entity: 'quoteLine',
    condition: { '<=': [{ var: 'quantity' }, 0] },
    message: { en: 'The quantity must be greater than zero.', es: 'La cantidad debe ser mayor que cero.' },
    fields: ['quantity'],
  },
  {
    name: 'lineCurrencyMatchesQuote',
    entity: 'quoteLine',
    condition: { '!=': [{ var: 'currency' }, { var: 'quoteCurrency' }] },
    message: { en: 'The unit price must be in the quote’s currency.', es: 'El precio unitario debe estar en la moneda de la cotización.' },
    fields: ['unitPrice'],
  },
  {
    name: 'orderedNeedsNumber',
    entity: 'quote',
    condition: { and: [{ '==': [{ var: 'status' }, 'ordered'] }, { '!': { var: 'orderNumber' } }] },
    message: { en: 'An ordered quote needs its order number.', es: 'Una cotización pedida necesita su número de pedido.' },
    fields: ['orderNumber'],
  },
  {
    name: 'convertedNeedsAccount',
    entity: 'lead',
    condition: { and: [{ '==': [{ var: 'status' }, 'converted'] }, { '!': { var: 'convertedAccount' } }] },
    message: { en: 'Convert a lead with POST /api/v1/plugins/sales/leads/:id/convert: it creates or links the account.', es: 'Convierta el prospecto con POST /api/v1/plugins/sales/leads/:id/convert: crea o vincula la cuenta.' },
    fields: ['status'],
  },
];
