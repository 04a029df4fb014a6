import type { RoleInput } from '@kith/sdk';

const readOnly = { create: 'none', read: 'all', edit: 'none', delete: 'none' } as const;

/** Permission presets of the demo company (a consultant may change them like any customisation). */
export const demoRoles: RoleInput[] = [
  {
    name: 'sales-rep',
    label: { en: 'Sales rep', es: 'Ejecutivo de ventas' },
    description: 'Works their own deals, sees the team pipeline, keeps companies and contacts up to date.',
    grants: {
      company: { create: 'all', read: 'all', edit: 'own', delete: 'none', fields: { annualRevenue: { read: true, edit: false } } },
      contact: { create: 'all', read: 'all', edit: 'all', delete: 'none' },
      deal: { create: 'own', read: 'team', edit: 'own', delete: 'own' },
      activity: { create: 'all', read: 'all', edit: 'own', delete: 'own' },
    },
  },
  {
    name: 'sales-manager',
    label: { en: 'Sales manager', es: 'Jefe de ventas' },
    description: "Runs the team's pipeline: every deal of the team, reassignments included.",
    grants: {
      company: { create: 'all', read: 'all', edit: 'all', delete: 'team' },
      contact: { create: 'all', read: 'all', edit: 'all', delete: 'all' },
      deal: { create: 'team', read: 'team', edit: 'team', delete: 'team' },
      activity: { create: 'all', read: 'all', edit: 'team', delete: 'team' },
    },
  },
  {
    name: 'viewer',
    label: { en: 'Viewer', es: 'Consulta' },
    description: 'Reads everything except companies’ revenue; changes nothing.',
    grants: {
      company: { ...readOnly, fields: { annualRevenue: { read: false, edit: false }, notes: { read: false, edit: false } } },
      contact: readOnly,
      deal: readOnly,
      activity: readOnly,
    },
  },
];
