import type { WorkflowInput } from '@kith/sdk';

/** sales' base workflows (consultants change or disable them; their changes survive upgrades). */
export const salesWorkflows: WorkflowInput[] = [
  {
    id: 'stamp-closed',
    label: { en: 'Stamp when an opportunity is won or lost', es: 'Fechar el cierre de una oportunidad' },
    entity: 'opportunity',
    trigger: { type: 'fieldChanged', field: 'stage' },
    condition: { and: [{ var: 'record.isClosed' }, { '!': { var: 'record.closedAt' } }] },
    actions: [{ type: 'setFields', values: { closedAt: { formula: { var: 'now' } } } }],
  },
];
