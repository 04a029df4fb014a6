import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { CustomisationChange } from '../metadata/customisation.js';
import { mappingOf } from './package-kinds.js';

/** What a name belongs to. */
export type NameKind = 'entity' | 'field' | 'role' | 'rule' | 'workflow';

/** Something a customisation names by id: an entity, a field, a role, a rule or workflow (of an entity). */
export interface Named {
  readonly kind: NameKind;
  readonly id: string;
  readonly name: string;
  /** The entity a rule or workflow belongs to. */
  readonly entity?: string;
}

const firstPart = (id: string) => id.split('.')[0] ?? id;

/**
 * Names for the ids customisations use: taken from the effective model, then from the
 * customisations that introduce them (a package's new entity is not in the target's model
 * yet; each kind says what it introduces in package-kinds.ts). An id nobody names falls back
 * to a readable part of itself.
 */
export class NameBook {
  private readonly known = new Map<string, Named>();

  constructor(model: CompiledModel, changes: readonly CustomisationChange[]) {
    for (const e of model.entities.values()) {
      this.learn({ kind: 'entity', id: e.def.id, name: e.name });
      for (const f of e.fields) this.learn({ kind: 'field', id: f.def.id, name: f.name });
      for (const r of e.rules) this.learn({ kind: 'rule', id: r.def.id, name: r.def.name, entity: r.def.entity });
    }
    for (const role of model.roles.values()) this.learn({ kind: 'role', id: role.id, name: role.name });
    for (const w of model.workflows.values()) this.learn({ kind: 'workflow', id: w.id, name: w.id, ...(w.entity !== undefined ? { entity: w.entity } : {}) });
    for (const c of changes) for (const named of mappingOf(c).introduces?.(c) ?? []) this.learn(named);
  }

  /** The name of an entity by id. */
  entity(id: string): string {
    return this.known.get(`entity ${id}`)?.name ?? firstPart(id);
  }

  /** `deal.region` for a field id on an entity id. */
  field(entityId: string, fieldId: string): string {
    return `${this.entity(entityId)}.${this.known.get(`field ${fieldId}`)?.name ?? fieldId}`;
  }

  /** The name of a role by id. */
  role(id: string): string {
    return this.known.get(`role ${id}`)?.name ?? id;
  }

  /** The entity a rule belongs to. */
  ruleEntity(id: string): string {
    return this.known.get(`rule ${id}`)?.entity ?? firstPart(id);
  }

  /** `deal.wonNeedsAmount` for a rule id. */
  rule(id: string): string {
    const rule = this.known.get(`rule ${id}`);
    return rule ? `${rule.entity}.${rule.name}` : id;
  }

  /** The entity a workflow works on, when it has one and it is known. */
  workflowEntity(id: string): string | undefined {
    return this.known.get(`workflow ${id}`)?.entity;
  }

  /** The first name wins: the target's own model over what a package says. */
  private learn(named: Named): void {
    const key = `${named.kind} ${named.id}`;
    if (!this.known.has(key)) this.known.set(key, named);
  }
}
