import { defineEntity } from '@kith/sdk';
import { ACTIVITY_TYPES, CHANNELS } from './options.js';

/**
 * A call, e-mail, meeting, visit, note or task, linked to any record. Kith's relations point at
 * one target entity, so "any record" is `relatedEntity` + `relatedId` (checked by the rule
 * `relatedTargetComplete` and by the route POST /activities, which also fills `account` and
 * `contact` from the target); `account` and `contact` are real relations for the common case, so
 * the timeline, lists and filters use indexed foreign keys.
 */
export const activityEntity = defineEntity({
  name: 'activity',
  label: { en: 'Activity', es: 'Actividad' },
  labelPlural: { en: 'Activities', es: 'Actividades' },
  titleField: 'subject',
  ownerField: 'owner',
  fields: {
    subject: { type: 'text', required: true, searchable: true, maxLength: 200, label: { en: 'Subject', es: 'Asunto' } },
    type: { type: 'select', required: true, options: ACTIVITY_TYPES, default: 'note', label: { en: 'Type', es: 'Tipo' } },
    channel: { type: 'select', options: CHANNELS, label: { en: 'Channel', es: 'Canal' } },
    direction: { type: 'select', options: ['inbound', 'outbound'], label: { en: 'Direction', es: 'Sentido' } },
    status: { type: 'select', required: true, options: ['planned', 'done', 'cancelled'], default: 'done', label: { en: 'Status', es: 'Estado' } },
    outcome: {
      type: 'select',
      label: { en: 'Outcome', es: 'Resultado' },
      options: ['connected', 'no-answer', 'voicemail', 'interested', 'not-interested', 'follow-up', 'meeting-booked', 'completed'],
    },
    // When it happened (or will): the timeline orders by it. Defaults to the moment it is logged.
    occurredAt: { type: 'datetime', defaultFormula: { var: '$now' }, label: { en: 'When', es: 'Cuándo' } },
    dueAt: { type: 'datetime', label: { en: 'Due', es: 'Vence' } },
    doneAt: { type: 'datetime', label: { en: 'Done', es: 'Hecha' } },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    account: { type: 'relation', target: 'account', inverse: 'activities', label: { en: 'Account', es: 'Cuenta' } },
    contact: { type: 'relation', target: 'contact', inverse: 'activities', label: { en: 'Contact', es: 'Contacto' } },
    relatedEntity: { type: 'text', maxLength: 64, label: { en: 'Related to (entity)', es: 'Relacionada con (entidad)' } },
    relatedId: { type: 'integer', min: 1, label: { en: 'Related to (id)', es: 'Relacionada con (id)' } },
    description: { type: 'longText', label: { en: 'Details', es: 'Detalle' } },
  },
  indexes: [['account', 'occurredAt'], ['contact', 'occurredAt'], ['relatedEntity', 'relatedId'], ['owner', 'dueAt']],
});
