import type { CompiledModel } from '../metadata/compile/compiled-types.js';
import type { CustomisationChange } from '../metadata/customisation.js';

const firstPart = (id: string) => id.split('.')[0] ?? id;

/**
 * Names for the ids customisations use (entities, fields, roles, rules): taken from the
 * effective model, then from the customisations that add them (a package's new entity is not
 * in the target's model yet). An id nobody names falls back to a readable part of itself.
 */
export class NameBook {
  private readonly entities = new Map<string, string>();
  private readonly fields = new Map<string, string>();
  private readonly roles = new Map<string, string>();
  private readonly rules = new Map<string, { entity: string; name: string }>();

  constructor(model: CompiledModel, changes: readonly CustomisationChange[]) {
    for (const e of model.entities.values()) {
      this.entities.set(e.def.id, e.name);
      for (const f of e.fields) this.fields.set(f.def.id, f.name);
      for (const r of e.rules) this.rules.set(r.def.id, { entity: r.def.entity, name: r.def.name });
    }
    for (const role of model.roles.values()) this.roles.set(role.id, role.name);
    for (const c of changes) this.learn(c);
  }

  /** The name of an entity by id. */
  entity(id: string): string {
    return this.entities.get(id) ?? firstPart(id);
  }

  /** `deal.region` for a field id on an entity id. */
  field(entityId: string, fieldId: string): string {
    return `${this.entity(entityId)}.${this.fields.get(fieldId) ?? fieldId}`;
  }

  /** The name of a role by id. */
  role(id: string): string {
    return this.roles.get(id) ?? id;
  }

  /** The entity a rule belongs to. */
  ruleEntity(id: string): string {
    return this.rules.get(id)?.entity ?? firstPart(id);
  }

  /** `deal.wonNeedsAmount` for a rule id. */
  rule(id: string): string {
    const rule = this.rules.get(id);
    return rule ? `${rule.entity}.${rule.name}` : id;
  }

  private learn(c: CustomisationChange): void {
    if (c.kind === 'addEntity') {
      if (!this.entities.has(c.entity.id)) this.entities.set(c.entity.id, c.entity.name);
      for (const f of c.entity.fields) if (!this.fields.has(f.id)) this.fields.set(f.id, f.name);
    } else if (c.kind === 'addField') {
      if (!this.fields.has(c.field.id)) this.fields.set(c.field.id, c.field.name);
    } else if (c.kind === 'addRole') {
      if (!this.roles.has(c.role.id)) this.roles.set(c.role.id, c.role.name);
    } else if (c.kind === 'addRule') {
      if (!this.rules.has(c.rule.id)) this.rules.set(c.rule.id, { entity: c.rule.entity, name: c.rule.name });
    }
  }
}
