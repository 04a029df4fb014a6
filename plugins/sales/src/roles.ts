import type { EntityGrant, RoleInput } from '@kith/sdk';

const read: EntityGrant = { create: 'none', read: 'all', edit: 'none', delete: 'none' };

/** sales' permission presets (consultants change them like any customisation). */
export const salesRoles: RoleInput[] = [
  {
    name: 'sales-rep',
    label: { en: 'Sales rep', es: 'Ejecutivo de ventas' },
    description: 'Works their own leads, opportunities and quotes; reads accounts, contacts, products and pipelines.',
    grants: {
      account: { create: 'all', read: 'all', edit: 'own', delete: 'none' },
      contact: { create: 'all', read: 'all', edit: 'own', delete: 'none' },
      activity: { create: 'all', read: 'all', edit: 'own', delete: 'own' },
      lead: { create: 'own', read: 'own', edit: 'own', delete: 'none' },
      opportunity: { create: 'own', read: 'own', edit: 'own', delete: 'none' },
      quote: { create: 'own', read: 'own', edit: 'own', delete: 'own' },
      quoteLine: { create: 'all', read: 'own', edit: 'own', delete: 'own' },
      pipeline: read,
      stage: read,
      product: read,
      priceBookEntry: read,
    },
  },
  {
    name: 'sales-manager',
    label: { en: 'Sales manager', es: 'Jefe de ventas' },
    description: "Runs the team: every lead, opportunity and quote of the team's members; keeps products and prices.",
    grants: {
      account: { create: 'all', read: 'all', edit: 'all', delete: 'team' },
      contact: { create: 'all', read: 'all', edit: 'all', delete: 'team' },
      activity: { create: 'all', read: 'all', edit: 'team', delete: 'team' },
      lead: { create: 'team', read: 'team', edit: 'team', delete: 'team' },
      opportunity: { create: 'team', read: 'team', edit: 'team', delete: 'team' },
      quote: { create: 'team', read: 'team', edit: 'team', delete: 'team' },
      quoteLine: { create: 'all', read: 'team', edit: 'team', delete: 'team' },
      pipeline: read,
      stage: read,
      product: { create: 'all', read: 'all', edit: 'all', delete: 'none' },
      priceBookEntry: { create: 'all', read: 'all', edit: 'all', delete: 'all' },
    },
  },
];
