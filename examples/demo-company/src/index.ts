/** Andes Industrial Supply: a demo company with realistic sample data, loaded by `pnpm start`. */
import { definePlugin } from '@kith/sdk';
import { activityEntity } from './entities/activity.entity.js';
import { companyEntity } from './entities/company.entity.js';
import { contactEntity } from './entities/contact.entity.js';
import { dealEntity } from './entities/deal.entity.js';
import { demoRoles } from './roles.js';
import { seedDemoCompany } from './seed/seed.js';

export { demoUsers, DEMO_USER_PASSWORD } from './demo-users.js';

/** The demo company plugin: companies, contacts, deals and activities, with seed data. */
export const demoCompany = definePlugin({
  id: 'demo-company',
  version: '1.0.0',
  description: 'Andes Industrial Supply, a B2B supplier selling across Latin America and Spain, with sample data.',
  entities: [companyEntity, contactEntity, dealEntity, activityEntity],
  roles: demoRoles,
  seed: seedDemoCompany,
});

export default demoCompany;
