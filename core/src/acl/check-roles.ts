import { ACCESS_SCOPES, type EntityDefinition, type RoleDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';
import { conditionToFilter } from './condition-to-filter.js';

const ROLE_NAME = /^[a-z][a-zA-Z0-9-]{0,63}$/;
const OPERATIONS = ['create', 'read', 'edit', 'delete'] as const;

/** Checks roles against the effective entities: names, scopes, fields and conditions. */
export function checkRoles(entities: readonly EntityDefinition[], roles: readonly RoleDefinition[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, code: 'KITH_ROLE_INVALID', message });
  const byName = new Map(entities.map((e) => [e.name, e]));
  const names = new Set<string>();
  for (const role of roles) {
    if (!ROLE_NAME.test(role.name)) add(`roles.${role.name}`, `"${role.name}" is not a valid role name: letters, digits and dashes, starting with a lower-case letter`);
    if (names.has(role.name)) add(`roles.${role.name}`, `role "${role.name}" is defined twice`);
    names.add(role.name);
    for (const [entityName, grant] of Object.entries(role.grants)) {
      const at = `roles.${role.name}.grants.${entityName}`;
      const entity = byName.get(entityName);
      if (!entity) {
        add(at, `"${entityName}" is not an entity; known entities: ${[...byName.keys()].join(', ')}`);
        continue;
      }
      for (const op of OPERATIONS) {
        if (!ACCESS_SCOPES.includes(grant[op])) add(`${at}.${op}`, `${op} must be one of ${ACCESS_SCOPES.join(', ')}`);
      }
      for (const field of Object.keys(grant.fields ?? {})) {
        if (!entity.fields.some((f) => f.name === field)) add(`${at}.fields.${field}`, `"${field}" is not a field of ${entityName}`);
      }
      if (grant.condition !== undefined) {
        const compiled = conditionToFilter(grant.condition, entity, { userId: 0, teamUserIds: [] });
        if (!compiled.ok) for (const message of compiled.problems) add(`${at}.condition`, message);
      }
    }
  }
  return problems;
}
