import { defineEntity } from '@kith/sdk';
import { CHANNELS } from './options.js';

/** A person at an account (or on their own), with how they agreed to be contacted. */
export const contactEntity = defineEntity({
  name: 'contact',
  label: { en: 'Contact', es: 'Contacto' },
  labelPlural: { en: 'Contacts', es: 'Contactos' },
  description: 'A person: a buyer, a user, a decision maker.',
  titleField: 'name',
  ownerField: 'owner',
  fields: {
    name: { type: 'personName', required: true, searchable: true, label: { en: 'Name', es: 'Nombre' } },
    account: { type: 'relation', target: 'account', inverse: 'contacts', label: { en: 'Account', es: 'Cuenta' } },
    jobTitle: { type: 'text', maxLength: 120, label: { en: 'Job title', es: 'Cargo' } },
    role: {
      type: 'select',
      label: { en: 'Role in the purchase', es: 'Rol en la compra' },
      options: ['decision-maker', 'economic-buyer', 'technical-buyer', 'influencer', 'user', 'gatekeeper', 'other'],
    },
    email: { type: 'email', searchable: true, label: { en: 'E-mail', es: 'Correo' } },
    secondaryEmail: { type: 'email', label: { en: 'Other e-mail', es: 'Otro correo' } },
    phone: { type: 'phone', label: { en: 'Phone', es: 'Teléfono' } },
    mobile: { type: 'phone', label: { en: 'Mobile', es: 'Móvil' } },
    address: { type: 'address', label: { en: 'Address', es: 'Dirección' } },
    language: { type: 'select', options: ['es', 'en', 'pt', 'fr', 'de'], label: { en: 'Language', es: 'Idioma' } },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    consentChannels: { type: 'multiSelect', options: CHANNELS, label: { en: 'Consent: channels', es: 'Consentimiento: canales' } },
    consentGivenAt: { type: 'datetime', label: { en: 'Consent: given at', es: 'Consentimiento: fecha' } },
    consentSource: {
      type: 'select',
      label: { en: 'Consent: source', es: 'Consentimiento: origen' },
      options: ['web-form', 'event', 'call', 'email', 'contract', 'import', 'other'],
    },
    doNotContact: { type: 'boolean', default: false, label: { en: 'Do not contact', es: 'No contactar' } },
    description: { type: 'longText', label: { en: 'Notes', es: 'Notas' } },
  },
  indexes: [['email'], ['account'], ['owner']],
});
