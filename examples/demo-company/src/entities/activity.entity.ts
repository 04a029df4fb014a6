import { defineEntity } from '@kith/sdk';
import { readableOptions } from './options.js';

/** Kinds of activity on the timeline. */
export const ACTIVITY_KINDS = ['call', 'email', 'meeting', 'visit', 'note', 'task'] as const;

/** One activity kind. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A call, email, meeting, visit, note or task on a customer's timeline. */
export const activityEntity = defineEntity({
  name: 'activity',
  labelPlural: 'Activities',
  description: 'Something done, or to do, with a customer.',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', required: true, searchable: true, maxLength: 200 },
    kind: { type: 'select', options: readableOptions(ACTIVITY_KINDS) },
    company: { type: 'relation', target: 'company', inverse: 'activities' },
    contact: { type: 'relation', target: 'contact' },
    deal: { type: 'relation', target: 'deal', inverse: 'activities' },
    dueAt: { type: 'datetime' },
    done: { type: 'boolean', default: false },
    notes: { type: 'longText' },
  },
  indexes: [['company'], ['deal']],
});
