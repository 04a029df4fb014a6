import { defineEntity } from '@kith/sdk';
import { readableOptions } from './options.js';

/** How a contact prefers to be reached. */
export const CONTACT_CHANNELS = ['email', 'phone', 'visit', 'web'] as const;

/** One contact channel. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** A person at a company. */
export const contactEntity = defineEntity({
  name: 'contact',
  description: 'A person at a customer or prospect.',
  // A personName is a composite (first + last name), so the unique email is the title.
  titleField: 'email',
  fields: {
    name: { type: 'personName', required: true },
    email: { type: 'email', unique: true },
    phone: { type: 'phone' },
    jobTitle: { type: 'text', maxLength: 120 },
    company: { type: 'relation', target: 'company', inverse: 'contacts' },
    preferredChannel: { type: 'select', options: readableOptions(CONTACT_CHANNELS) },
    doNotContact: { type: 'boolean', default: false },
  },
  indexes: [['company']],
});
