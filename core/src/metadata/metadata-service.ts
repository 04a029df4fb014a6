import { randomBytes } from 'node:crypto';
import { normaliseEntity, normaliseField, toLabels, toSelectOptions, type EntityDefinition, type FieldDefinition, type SelectOption } from '@kith/sdk';
import { Errors, type ErrorDetail } from '../errors/index.js';
import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import { withInferredResultType } from './check-rollups.js';
import type { CompiledEntity } from './compile/compiled-types.js';
import { createDocSchema } from './compile/to-typebox.js';
import type { FieldChanges } from './customisation.js';
import { EntityPatchBody, FieldPatchBody, IndexBody, NewEntityBody, NewFieldBody, parseBody } from './metadata-inputs.js';
import type { MetadataRegistry } from './registry.js';

/** Who changes metadata. */
export interface MetadataActor {
  readonly userId: number | null;
}

const customId = (entity: string, name: string) => `${entity}.${name}.${randomBytes(3).toString('hex')}`;

function problems(list: readonly { path: string; message: string }[]): ErrorDetail[] {
  return list.map((p) => ({ field: p.path, code: 'KITH_METADATA_INVALID', message: `${p.path}: ${p.message}` }));
}

/**
 * Metadata over the API: turns requests into typed customisations (never edits of base
 * definitions) and describes the effective model back.
 */
export class MetadataService {
  constructor(private readonly registry: MetadataRegistry) {}

  /** The effective entities the caller may read, with only the fields they may read. */
  list(actor: Actor): EntityDefinition[] {
    const model = this.registry.model;
    const scopes = readScopes(model, actor);
    return [...model.entities.values()].flatMap((e) => {
      const scope = scopes(e);
      return scope ? [visibleDef(e.def, scope.visible)] : [];
    });
  }

  /** One entity as the caller sees it, with the JSON Schema of its create body. */
  describe(name: string, actor: Actor): EntityDefinition & { schema: unknown; inverses: readonly { name: string; entity: string; field: string }[] } {
    const model = this.registry.model;
    const entity = this.compiled(name);
    const scopes = readScopes(model, actor);
    const scope = scopes(entity);
    if (!scope) throw Errors.entityNotFound(name);
    const schema = createDocSchema(entity) as { properties?: Record<string, unknown>; required?: string[] };
    const visible = scope.visible;
    const shownSchema = visible
      ? { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => visible.has(k))), required: (schema.required ?? []).filter((k) => visible.has(k)) }
      : schema;
    const inverses = entity.inverses.filter((i) => scopes(model.entities.get(i.entity)!) !== null);
    return { ...visibleDef(entity.def, visible), inverses, schema: shownSchema };
  }

  async addEntity(body: unknown, actor: MetadataActor): Promise<EntityDefinition> {
    const input = parseBody(NewEntityBody, body, 'The new entity');
    if (this.registry.model.entities.has(input.name)) throw Errors.entityExists(input.name);
    const fields = Object.fromEntries(input.fields.map(({ name, ...f }) => [name, { ...f, id: customId(input.name, name) }]));
    if (Object.keys(fields).length !== input.fields.length) throw Errors.definitionInvalid('The new entity', [{ field: 'fields', code: 'KITH_METADATA_INVALID', message: 'two fields share a name' }]);
    const { entity, problems: found } = normaliseEntity({ ...input, id: `${input.name}.${randomBytes(3).toString('hex')}`, fields, indexes: input.indexes ?? [] }, 'custom');
    if (found.length > 0) throw Errors.definitionInvalid(`The entity "${input.name}"`, problems(found));
    const byName = new Map([...this.defsByName(), [entity.name, entity]]);
    await this.registry.change({ kind: 'addEntity', entity: { ...entity, fields: entity.fields.map((f) => withInferredResultType(entity, f, byName)) } }, actor);
    return this.compiled(entity.name).def;
  }

  async addField(entityName: string, body: unknown, actor: MetadataActor): Promise<FieldDefinition> {
    const entity = this.compiled(entityName);
    const { name, ...input } = parseBody(NewFieldBody, body, 'The new field');
    if (entity.fieldsByName.has(name)) throw Errors.fieldExists(entity.name, name);
    const found: { path: string; message: string }[] = [];
    const normalised = normaliseField(entity.name, name, { ...input, id: customId(entity.name, name) }, 'custom', found, name);
    if (found.length > 0) throw Errors.definitionInvalid(`The field "${name}"`, problems(found));
    const field = withInferredResultType(entity.def, normalised, this.defsByName());
    await this.registry.change({ kind: 'addField', entityId: entity.def.id, field }, actor);
    return this.compiled(entity.name).fieldsByName.get(name)!.def;
  }

  async updateField(entityName: string, fieldName: string, body: unknown, actor: MetadataActor): Promise<FieldDefinition> {
    const entity = this.compiled(entityName);
    const field = entity.fieldsByName.get(fieldName);
    if (!field) throw Errors.fieldNotFound(entity.name, fieldName);
    const { confirm, options, label, ...rest } = parseBody(FieldPatchBody, body, `The change to ${entity.name}.${fieldName}`);
    const changes: FieldChanges = { ...rest, ...(label !== undefined ? { label: toLabels(label, fieldName) } : {}), ...(options ? optionChanges(field.def.options ?? [], toSelectOptions(options)) : {}) };
    if (options && field.def.type !== 'select' && field.def.type !== 'multiSelect') {
      throw Errors.changeNotAllowed(`Cannot set options on ${entity.name}.${fieldName}`, `it is a ${field.def.type} field, not a select.`, 'options');
    }
    await this.registry.change({ kind: 'updateField', entityId: entity.def.id, fieldId: field.def.id, changes }, { ...actor, confirm: confirm === true });
    return this.compiled(entity.name).fieldsByName.get(fieldName)!.def;
  }

  async removeField(entityName: string, fieldName: string, confirm: boolean, actor: MetadataActor): Promise<void> {
    const entity = this.compiled(entityName);
    const field = entity.fieldsByName.get(fieldName);
    if (!field) throw Errors.fieldNotFound(entity.name, fieldName);
    await this.registry.change({ kind: 'removeField', entityId: entity.def.id, fieldId: field.def.id }, { ...actor, confirm });
  }

  async updateEntity(entityName: string, body: unknown, actor: MetadataActor): Promise<EntityDefinition> {
    const entity = this.compiled(entityName);
    const input = parseBody(EntityPatchBody, body, `The change to ${entity.name}`);
    const changes = {
      ...(input.label !== undefined ? { label: toLabels(input.label, entity.name) } : {}),
      ...(input.labelPlural !== undefined ? { labelPlural: toLabels(input.labelPlural, entity.name) } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.titleField !== undefined ? { titleField: input.titleField } : {}),
    };
    await this.registry.change({ kind: 'updateEntity', entityId: entity.def.id, changes }, actor);
    return this.compiled(entity.name).def;
  }

  async addIndex(entityName: string, body: unknown, actor: MetadataActor): Promise<EntityDefinition> {
    const entity = this.compiled(entityName);
    const index = parseBody(IndexBody, body, `The index on ${entity.name}`);
    await this.registry.change({ kind: 'addIndex', entityId: entity.def.id, index }, actor);
    return this.compiled(entity.name).def;
  }

  /** The effective entity definitions by name. */
  private defsByName(): Map<string, EntityDefinition> {
    return new Map([...this.registry.model.entities.values()].map((e) => [e.name, e.def]));
  }

  private compiled(name: string): CompiledEntity {
    const entity = this.registry.model.entities.get(name);
    if (!entity) throw Errors.entityNotFound(name);
    return entity;
  }
}

/** An entity definition with only the fields in `visible` (all when undefined). */
function visibleDef(def: EntityDefinition, visible: ReadonlySet<string> | undefined): EntityDefinition {
  return visible ? { ...def, fields: def.fields.filter((f) => visible.has(f.name)) } : def;
}

/** A desired option list as changes: added, relabelled and removed values. */
function optionChanges(current: readonly SelectOption[], desired: readonly SelectOption[]): FieldChanges {
  const now = new Map(current.map((o) => [o.value, o]));
  const want = new Set(desired.map((o) => o.value));
  const addOptions = desired.filter((o) => !now.has(o.value));
  const relabelOptions = desired.filter((o) => now.has(o.value) && JSON.stringify(now.get(o.value)) !== JSON.stringify(o));
  const removeOptions = current.filter((o) => !want.has(o.value)).map((o) => o.value);
  return {
    ...(addOptions.length ? { addOptions } : {}),
    ...(relabelOptions.length ? { relabelOptions } : {}),
    ...(removeOptions.length ? { removeOptions } : {}),
  };
}
