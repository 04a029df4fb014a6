/** The demo's people: sign in as any of them with the password below (demo only). */
export const DEMO_USER_PASSWORD = 'kith-demo-user';

/** Demo users with their roles and teams, created on the first start with demo data. */
export const demoUsers = [
  { email: 'marta.ruiz@example.com', name: 'Marta Ruiz', roles: ['sales-manager'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'ana.quispe@example.com', name: 'Ana Quispe', roles: ['sales-rep'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'diego.flores@example.com', name: 'Diego Flores', roles: ['sales-rep'], teams: ['Andes'], password: DEMO_USER_PASSWORD },
  { email: 'lucia.gomez@example.com', name: 'Lucía Gómez', roles: ['sales-rep'], teams: ['Caribe'], password: DEMO_USER_PASSWORD },
  { email: 'pablo.ortega@example.com', name: 'Pablo Ortega', roles: ['viewer'], teams: [], password: DEMO_USER_PASSWORD },
] as const;

/** The sales reps who own the demo's companies and deals, in the order the seed assigns them. */
export const DEMO_OWNER_EMAILS = ['ana.quispe@example.com', 'diego.flores@example.com', 'lucia.gomez@example.com', 'marta.ruiz@example.com'] as const;
