import type { RoleInput } from '@kith/sdk';

/** crm's permission presets; sales adds its own for the sales team. */
export const crmRoles: RoleInput[] = [
  {
    name: 'crm-user',
    label: { en: 'CRM user', es: 'Usuario CRM' },
    description: 'Reads every account and contact, keeps their own up to date, logs activities.',
    grants: {
      account: { create: 'all', read: 'all', edit: 'own', delete: 'none' },
      contact: { create: 'all', read: 'all', edit: 'own', delete: 'none' },
      activity: { create: 'all', read: 'all', edit: 'own', delete: 'own' },
    },
  },
  {
    name: 'crm-viewer',
    label: { en: 'CRM viewer', es: 'Consulta CRM' },
    description: 'Reads accounts, contacts and activities; changes nothing.',
    grants: {
      account: { create: 'none', read: 'all', edit: 'none', delete: 'none' },
      contact: { create: 'none', read: 'all', edit: 'none', delete: 'none' },
      activity: { create: 'none', read: 'all', edit: 'none', delete: 'none' },
    },
  },
];
