import { toLabels } from '@kith/sdk';
import { Type } from '@sinclair/typebox';
import { readScopes } from '../../acl/read-scope.js';
import type { Actor } from '../../data/actor.js';
import { Errors, type ErrorDetail } from '../../errors/index.js';
import type { CompiledEntity } from '../compile/compiled-types.js';
import { parseBody } from '../metadata-inputs.js';

import type { MetadataRegistry } from '../registry.js';
import { effectiveLayout } from './effective-layout.js';
import type { EffectiveLayout, LayoutDefinition, LayoutSection } from './layout.js';
import { LayoutErrors } from './layout-errors.js';

const LabelsBody = Type.Union([Type.String({ minLength: 1 }), Type.Object({ en: Type.String({ minLength: 1 }) }, { additionalProperties: Type.String() })]);

/** The body of `PUT …/layout`: sections of field names. */
export const LayoutBody = Type.Object(
  {
    sections: Type.Array(
      Type.Object(
        {
          label: LabelsBody,
          columns: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)])),
          fields: Type.Array(Type.String({ minLength: 1 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

/** Layouts over the API: the effective layout as a reader sees it, and setting or resetting it. */
export class LayoutService {
  constructor(private readonly registry: MetadataRegistry) {}

  /** The effective layout of `name`, with the fields `actor` cannot read left out. */
  get(name: string, actor: Actor): EffectiveLayout {
    const model = this.registry.model;
    const entity = model.entities.get(name);
    const scope = entity ? readScopes(model, actor)(entity) : null;
    if (!entity || !scope) throw Errors.entityNotFound(name);
    return effectiveLayout(entity.def, model.layouts.get(entity.def.id), scope.visible);
  }

  /** Checks `body` (unknown fields, duplicates, empty sections) and stores it as a `setLayout`. */
  async set(name: string, body: unknown, actor: Actor): Promise<EffectiveLayout> {
    const entity = this.entity(name);
    const layout = toDefinition(entity, parseBody(LayoutBody, body, `The layout of ${entity.name}`));
    await this.registry.change({ kind: 'setLayout', entityId: entity.def.id, layout }, actor);
    return this.get(name, actor);
  }

  /** Takes the entity back to its default layout (every field in one section). */
  async reset(name: string, actor: Actor): Promise<EffectiveLayout> {
    const entity = this.entity(name);
    await this.registry.change({ kind: 'setLayout', entityId: entity.def.id, layout: null }, actor);
    return this.get(name, actor);
  }

  private entity(name: string): CompiledEntity {
    const entity = this.registry.model.entities.get(name);
    if (!entity) throw Errors.entityNotFound(name);
    return entity;
  }
}

/** Names to stable ids, refusing unknown fields, a field placed twice and empty sections. */
function toDefinition(entity: CompiledEntity, body: ReturnType<typeof parseBody<typeof LayoutBody>>): LayoutDefinition {
  const problems: ErrorDetail[] = [];
  const placedAt = new Map<string, string>();
  const sections: LayoutSection[] = body.sections.map((section, s) => {
    if (section.fields.length === 0) problems.push(LayoutErrors.emptySection(`sections.${s}.fields`));
    const ids = section.fields.flatMap((name, f) => {
      const path = `sections.${s}.fields.${f}`;
      const field = entity.fieldsByName.get(name);
      if (!field) {
        problems.push(LayoutErrors.unknownField(path, entity.name, name));
        return [];
      }
      const first = placedAt.get(name);
      if (first !== undefined) {
        problems.push(LayoutErrors.duplicateField(path, name, first));
        return [];
      }
      placedAt.set(name, path);
      return [field.def.id];
    });
    return { label: toLabels(section.label, `Section ${s + 1}`), ...(section.columns !== undefined ? { columns: section.columns } : {}), fields: ids };
  });
  if (problems.length > 0) throw LayoutErrors.invalid(entity.name, problems);
  return { sections };
}
