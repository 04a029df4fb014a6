import { Type, type TSchema } from '@sinclair/typebox';
import type { CompiledEntity, CompiledField } from './compiled-types.js';

/** A schema that also accepts null (a TypeBox union, so the compiled checker understands it). */
export function orNull(schema: TSchema): TSchema {
  return Type.Union([schema, Type.Null()]);
}

function writable(entity: CompiledEntity): CompiledField[] {
  return entity.fields.filter((f) => !f.type.readOnly);
}

/** The schema of a create or update body: every writable field optional and nullable; unknown fields refused. Required fields are checked after, with one clear message each. */
export function inputSchema(entity: CompiledEntity): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const f of writable(entity)) properties[f.name] = Type.Optional(orNull(f.type.inputSchema(f.def)));
  return Type.Object(properties, { additionalProperties: false });
}

const SYSTEM_OUTPUT = {
  id: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  updatedBy: Type.Union([Type.Integer(), Type.Null()]),
};

/** The schema of a record as returned (fields present unless a selection left them out). */
export function recordSchema(entity: CompiledEntity): TSchema {
  const properties: Record<string, TSchema> = { ...SYSTEM_OUTPUT };
  for (const f of entity.fields) {
    properties[f.name] = Type.Optional(orNull(f.type.outputSchema(f.def)));
  }
  return Type.Object(properties, { $id: `${entity.name}Record`, title: entity.def.label.en });
}

/** The schema of a create body for documentation and forms: required fields marked, optional ones may also be sent as null to clear. */
export function createDocSchema(entity: CompiledEntity): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const f of writable(entity)) {
    const schema = f.type.inputSchema(f.def);
    const annotated = { ...schema, title: f.def.label.en, ...(f.def.description ? { description: f.def.description } : {}) } as TSchema;
    properties[f.name] = f.def.required && f.def.default === undefined ? annotated : Type.Optional(annotated);
  }
  return Type.Object(properties, { additionalProperties: false });
}
