import type { TSchema } from '@sinclair/typebox';

/** A JSON object inside the OpenAPI document. */
export type JsonObject = { [key: string]: unknown };

/** A JSON Schema object as the document holds it. */
export type JsonSchema = JsonObject;

/**
 * A TypeBox schema as plain JSON Schema. The JSON round trip drops TypeBox's Symbol keys;
 * `$id`s are removed because TypeBox uses them as names, while in OpenAPI 3.1 an `$id`
 * would change the base URI every `$ref` inside it resolves against. Components are named
 * by the document itself and referred to with `$ref`.
 */
export function plainSchema(schema: TSchema): JsonSchema {
  return withoutIds(JSON.parse(JSON.stringify(schema)) as unknown) as JsonSchema;
}

function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$id' && typeof child === 'string') continue;
    out[key] = withoutIds(child);
  }
  return out;
}

/** The component name stem of an entity: `deal` → `Deal`. */
export function componentStem(entityName: string): string {
  return entityName.charAt(0).toUpperCase() + entityName.slice(1);
}

/** A `$ref` to a schema component. */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** A JSON body of one schema. */
export function jsonContent(schema: JsonSchema): JsonObject {
  return { 'application/json': { schema } };
}
