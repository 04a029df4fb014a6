import { randomBytes } from 'node:crypto';
import { toLabels, type RoleDefinition } from '@kith/sdk';
import { Errors, KithError } from '../errors/index.js';
import { parseBody } from '../metadata/metadata-inputs.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { NewRoleBody, RolePatchBody } from './role-inputs.js';

/** Roles over the API: stored as customisations (exportable, audited in metadata history). */
export class RoleService {
  constructor(private readonly registry: MetadataRegistry) {}

  list(): RoleDefinition[] {
    return [...this.registry.model.roles.values()];
  }

  get(name: string): RoleDefinition {
    const role = this.registry.model.roles.get(name);
    if (!role) throw new KithError({ code: 'KITH_ROLE_NOT_FOUND', status: 404, message: `There is no role "${name}". GET /api/v1/metadata/roles lists them.` });
    return role;
  }

  async add(body: unknown, userId: number | null): Promise<RoleDefinition> {
    const input = parseBody(NewRoleBody, body, 'The new role');
    if (this.registry.model.roles.has(input.name)) throw new KithError({ code: 'KITH_ROLE_EXISTS', status: 409, field: 'name', message: `A role named "${input.name}" already exists.` });
    const role: RoleDefinition = {
      id: `${input.name}.${randomBytes(3).toString('hex')}`,
      name: input.name,
      label: toLabels(input.label, input.name),
      ...(input.description ? { description: input.description } : {}),
      grants: input.grants,
      source: 'custom',
    };
    await this.registry.change({ kind: 'addRole', role }, { userId });
    return this.get(role.name);
  }

  async update(name: string, body: unknown, userId: number | null): Promise<RoleDefinition> {
    const role = this.get(name);
    const input = parseBody(RolePatchBody, body, `The change to role ${name}`);
    await this.registry.change(
      {
        kind: 'updateRole',
        roleId: role.id,
        changes: {
          ...(input.label !== undefined ? { label: toLabels(input.label, name) } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.grants ? { grants: input.grants } : {}),
        },
      },
      { userId },
    );
    return this.get(name);
  }
}

/** Only administrators change roles. */
export function requireAdmin(isAdmin: boolean | undefined, what: string): void {
  if (!isAdmin) throw Errors.forbidden(what);
}
