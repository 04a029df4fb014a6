import { ACCESS_SCOPES, defineEntity, type EntityGrant, type RoleDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../data/actor.js';
import { compileModel } from '../metadata/compile/compile-model.js';
import { entityAccess } from './entity-access.js';
import { explainFields, heldRoles } from './explain-grants.js';
import { OPERATIONS, roleOperationAccess } from './grant-filters.js';

const deal = defineEntity({ name: 'deal', ownerField: 'owner', fields: { title: { type: 'text' }, margin: { type: 'decimal' }, owner: { type: 'user' }, region: { type: 'text' } } });
const role = (name: string, grant: EntityGrant): RoleDefinition => ({ id: name, name, label: { en: name }, grants: { deal: grant }, source: 'custom' });
const SOUTH = { '==': [{ var: 'region' }, 'south'] };

/** Every combination of a scope per operation, with and without a condition: a role each. */
const roles: RoleDefinition[] = ACCESS_SCOPES.flatMap((scope, i) => [
  role(`r${i}`, { create: scope, read: scope, edit: ACCESS_SCOPES[(i + 1) % 4]!, delete: ACCESS_SCOPES[(i + 2) % 4]! }),
  role(`c${i}`, { create: 'none', read: scope, edit: scope, delete: 'none', condition: SOUTH, fields: { margin: { read: false, edit: false } } }),
]);
const model = compileModel([deal], 'sqlite', 1, [], roles);
const dealC = model.entities.get('deal')!;

describe('roleOperationAccess', () => {
  it('is entityAccess for one role: the same filters, so explanations match enforcement', () => {
    for (const r of roles) {
      const actor: Actor = { userId: 5, channel: 'api', roles: [r.name], teamUserIds: [5, 6] };
      const whole = entityAccess(model, dealC, actor);
      for (const op of OPERATIONS) expect(roleOperationAccess(r.grants.deal!, op, dealC, actor), `${r.name} ${op}`).toEqual(whole[op]);
    }
  });

  it('explains fields with the roles that show and hide them', () => {
    const actor: Actor = { userId: 5, channel: 'api', roles: ['c0', 'c3'] };
    const whole = entityAccess(model, dealC, actor);
    const fields = explainFields(dealC, heldRoles(model, actor), whole.readable, whole.editable, false);
    expect(fields.find((f) => f.name === 'margin')).toEqual({ name: 'margin', read: false, edit: false, grantedBy: [], deniedBy: ['c3'] });
    expect(fields.find((f) => f.name === 'title')).toEqual({ name: 'title', read: true, edit: true, grantedBy: ['c3'], deniedBy: [] });
  });
});
