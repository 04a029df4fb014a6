/** The demo's password for its people (demo only). */
export const DEMO_USER_PASSWORD = 'kith-demo-user';

/**
 * The demo company's people, with sales' roles and teams: pass them as `demoUsers` in
 * kith.config.js with crm and sales, and the seeds give them accounts, leads and deals.
 */
export const demoUsers = [
  { email: 'marta.ruiz@example.com', name: 'Marta Ruiz', roles: ['sales-manager'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'ana.quispe@example.com', name: 'Ana Quispe', roles: ['sales-rep'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'diego.flores@example.com', name: 'Diego Flores', roles: ['sales-rep'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'lucia.gomez@example.com', name: 'Lucía Gómez', roles: ['sales-rep'], teams: ['Caribe'], password: DEMO_USER_PASSWORD },
  { email: 'pablo.ortega@example.com', name: 'Pablo Ortega', roles: ['crm-viewer'], teams: [], password: DEMO_USER_PASSWORD },
] as const;
