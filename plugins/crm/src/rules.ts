import type { ValidationRuleInput } from '@kith/sdk';

/** crm's base validation rules (consultants may change or switch them off, never remove them). */
export const crmRules: ValidationRuleInput[] = [
  {
    name: 'relatedTargetComplete',
    entity: 'activity',
    condition: { '!=': [{ '!': { var: 'relatedEntity' } }, { '!': { var: 'relatedId' } }] },
    message: { en: 'An activity linked to a record needs both the entity and the id of that record.', es: 'Una actividad vinculada a un registro necesita la entidad y el id de ese registro.' },
    fields: ['relatedEntity', 'relatedId'],
  },
  {
    name: 'taskNeedsDueDate',
    entity: 'activity',
    condition: { and: [{ '==': [{ var: 'type' }, 'task'] }, { '!': { var: 'dueAt' } }] },
    message: { en: 'A task needs a due date.', es: 'Una tarea necesita fecha de vencimiento.' },
    fields: ['dueAt'],
  },
  {
    name: 'consentNeedsDate',
    entity: 'contact',
    condition: { and: [{ var: 'consentChannels' }, { '!': { var: 'consentGivenAt' } }] },
    message: { en: 'Record when the consent was given.', es: 'Indique cuándo se dio el consentimiento.' },
    fields: ['consentGivenAt'],
  },
  {
    name: 'notOwnParent',
    entity: 'account',
    condition: { and: [{ var: 'id' }, { '==': [{ var: 'parent' }, { var: 'id' }] }] },
    message: { en: 'An account cannot be its own parent.', es: 'Una cuenta no puede ser su propia matriz.' },
    fields: ['parent'],
  },
];
