import { defineEntity, definePlugin } from '@kith/sdk';

/** A small CRM for the reports, search and privacy suites: companies, contacts, deals, activities. */
export const crmPlugin = definePlugin({
  id: 'crm-reports',
  version: '1.0.0',
  entities: [
    defineEntity({
      name: 'company',
      titleField: 'name',
      ownerField: 'owner',
      fields: {
        name: { type: 'text', required: true, searchable: true },
        industry: { type: 'select', options: ['energy', 'retail', 'mining'] },
        country: { type: 'text' },
        secret: { type: 'text', searchable: true },
        owner: { type: 'user' },
        contactCount: { type: 'rollup', rollup: { relation: 'contacts', op: 'count' } },
      },
    }),
    defineEntity({
      name: 'contact',
      titleField: 'name',
      fields: {
        name: { type: 'personName', required: true, searchable: true },
        email: { type: 'email', searchable: true },
        phone: { type: 'phone' },
        city: { type: 'text' },
        notes: { type: 'longText' },
        vip: { type: 'boolean' },
        company: { type: 'relation', target: 'company', inverse: 'contacts' },
        greeting: { type: 'computed', resultType: 'text', formula: { cat: ['Dear ', { var: 'name.first' }] } },
      },
    }),
    defineEntity({
      name: 'deal',
      titleField: 'title',
      ownerField: 'owner',
      fields: {
        title: { type: 'text', required: true, searchable: true },
        stage: { type: 'select', options: ['lead', 'won', 'lost'] },
        amount: { type: 'currency', defaultCurrency: 'USD' },
        probability: { type: 'integer' },
        margin: { type: 'decimal' },
        closeDate: { type: 'date' },
        closedAt: { type: 'datetime' },
        owner: { type: 'user' },
        company: { type: 'relation', target: 'company', inverse: 'deals' },
        contact: { type: 'relation', target: 'contact', inverse: 'deals' },
        tags: { type: 'multiSelect', options: ['hot', 'cold'] },
      },
    }),
    defineEntity({
      name: 'activity',
      titleField: 'subject',
      fields: {
        subject: { type: 'text', required: true, searchable: true },
        contact: { type: 'relation', target: 'contact', inverse: 'activities', required: true },
        deal: { type: 'relation', target: 'deal' },
      },
    }),
  ],
});

/**
 * The sales-rep role of these suites: own deals only with margin hidden; companies only in Peru
 * (a condition) with `secret` hidden; contacts without their email; activities not at all.
 */
export const REP_ROLE = {
  name: 'rep',
  grants: {
    deal: { create: 'own', read: 'own', edit: 'own', delete: 'none', fields: { margin: { read: false, edit: false } } },
    company: { create: 'none', read: 'all', edit: 'none', delete: 'none', condition: { '==': [{ var: 'country' }, 'PE'] }, fields: { secret: { read: false, edit: false } } },
    contact: { create: 'none', read: 'all', edit: 'none', delete: 'none', fields: { email: { read: false, edit: false } } },
  },
};

import type { TestApp } from '@kith/core/testing';
import { httpClient } from '../support/http.js';
import { send } from './session-client.js';

type Http = ReturnType<typeof httpClient>;
const PASSWORD = 'correct horse battery';

/** Creates a user with `roles` and signs them in; their id and a client acting as them. */
export async function signedInUser(app: TestApp, admin: Http, name: string, roles: string[]): Promise<{ id: number; http: Http }> {
  const created = await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles });
  if (created.status !== 201) throw new Error(`user ${name}: ${JSON.stringify(created.body)}`);
  const login = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } });
  return { id: created.body.id as number, http: httpClient(app.server, { authorization: `Bearer ${login.body.token as string}` }) };
}
