/** @kith/plugin-crm — Kith's CRM base: accounts, contacts and activities, the 360° timeline, duplicates and merges. */
import { definePlugin } from '@kith/sdk';
import { accountEntity } from './entities/account.entity.js';
import { activityEntity } from './entities/activity.entity.js';
import { contactEntity } from './entities/contact.entity.js';
import { recordMergeEntity } from './entities/record-merge.entity.js';
import { domainOfOperation } from './operations.js';
import { crmRoles } from './roles.js';
import { logActivityRoute, relatedActivitiesRoute } from './routes/activities.route.js';
import { duplicatesRoute } from './routes/duplicates.route.js';
import { mergeRoute } from './routes/merge.route.js';
import { accountTimelineRoute, contactTimelineRoute } from './routes/timeline.route.js';
import { crmRules } from './rules.js';
import { seedCrm } from './seed/seed.js';
import { CrmSettings } from './settings.js';

export { accountEntity, activityEntity, contactEntity, recordMergeEntity, CrmSettings };
export { INDUSTRIES, ACTIVITY_TYPES, CHANNELS } from './entities/options.js';
export { DEMO_OWNER_EMAILS } from './seed/seed.js';
export { domainOf, companyKey, similarity } from './duplicates/normalise.js';

/** The crm plugin definition (plugin id `crm`). */
export const crm = definePlugin({
  id: 'crm',
  version: '1.0.0',
  description: 'Accounts, contacts and activities; the 360° timeline of an account or contact; duplicate detection and merges.',
  entities: [accountEntity, contactEntity, activityEntity, recordMergeEntity],
  settings: CrmSettings,
  operations: [domainOfOperation],
  rules: crmRules,
  roles: crmRoles,
  routes: [accountTimelineRoute, contactTimelineRoute, duplicatesRoute, mergeRoute, logActivityRoute, relatedActivitiesRoute],
  ui: {
    menu: [
      { label: { en: 'Accounts', es: 'Cuentas' }, entity: 'account', group: 'CRM' },
      { label: { en: 'Contacts', es: 'Contactos' }, entity: 'contact', group: 'CRM' },
      { label: { en: 'Activities', es: 'Actividades' }, entity: 'activity', group: 'CRM' },
    ],
    recordPanels: [
      { id: 'account-timeline', entity: 'account', title: { en: 'Timeline', es: 'Historial' }, route: '/accounts/:id/timeline' },
      { id: 'contact-timeline', entity: 'contact', title: { en: 'Timeline', es: 'Historial' }, route: '/contacts/:id/timeline' },
    ],
  },
  seed: seedCrm,
});

export default crm;
