import type { RoleDefinition } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';

/** Each role name the actor holds, with its definition (undefined: no such role any more). */
export function heldRoles(model: CompiledModel, actor: Actor): { readonly name: string; readonly role: RoleDefinition | undefined }[] {
  return (actor.roles ?? []).map((name) => ({ name, role: model.roles.get(name) }));
}

/** One field as explained: the effective answer, and which roles give or restrict it. */
export interface FieldExplanation {
  readonly name: string;
  readonly read: boolean;
  readonly edit: boolean;
  /** Roles that let the user read (or write) the field. */
  readonly grantedBy: readonly string[];
  /** Roles that grant the entity but hide the field or make it read-only. */
  readonly deniedBy: readonly string[];
}

/**
 * Per field: read and edit as the real access computes them (`readable`/`editable` of
 * entityAccess), and the roles behind each answer. A role "grants" reading a field when it
 * reads the entity and does not hide the field; writing, when it edits or creates and does not
 * lock the field.
 */
export function explainFields(
  entity: CompiledEntity,
  roles: readonly { readonly name: string; readonly role: RoleDefinition | undefined }[],
  readable: ReadonlySet<string> | undefined,
  editable: ReadonlySet<string> | undefined,
  isAdmin: boolean,
): FieldExplanation[] {
  return entity.fields.map((field) => {
    const grantedBy: string[] = [];
    const deniedBy: string[] = [];
    if (!isAdmin) {
      for (const { name, role } of roles) {
        const grant = role?.grants[entity.name];
        if (!grant) continue;
        const rule = grant.fields?.[field.name];
        const readsEntity = grant.read !== 'none';
        const writesEntity = grant.edit !== 'none' || grant.create !== 'none';
        const gives = (readsEntity && rule?.read !== false) || (writesEntity && rule?.edit !== false);
        const takes = (readsEntity && rule?.read === false) || (writesEntity && rule?.edit === false);
        if (gives) grantedBy.push(name);
        if (takes) deniedBy.push(name);
      }
    }
    return { name: field.name, read: !readable || readable.has(field.name), edit: !editable || editable.has(field.name), grantedBy, deniedBy };
  });
}
