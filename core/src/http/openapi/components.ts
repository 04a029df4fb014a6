import { MAX_EXPANDED_CHILDREN } from '../../data/record-reader.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../../metadata/compile/compiled-types.js';
import { createDocSchema, inputSchema, recordSchema } from '../../metadata/compile/to-typebox.js';
import { componentStem, plainSchema, schemaRef, type JsonObject, type JsonSchema } from './json-schema.js';

const PROBLEM_JSON = 'application/problem+json';

/** RFC 9457 problem document, as every 4xx/5xx response carries it (see KithError.toProblem). */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'Problem',
  description: 'An error (RFC 9457). `code` is stable API; `detail` says what to do; `field` names the field it concerns. Some codes add members (e.g. `currentVersion` on KITH_VERSION_CONFLICT).',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', examples: ['urn:kith:error:KITH_VALIDATION_FAILED'] },
    title: { type: 'string', examples: ['KITH_VALIDATION_FAILED'] },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    code: { type: 'string', pattern: '^KITH_[A-Z0-9_]+$', examples: ['KITH_VALIDATION_FAILED'] },
    detail: { type: 'string' },
    field: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'One entry per problem; bulk requests name the row `index`.',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: { field: { type: 'string' }, index: { type: 'integer', minimum: 0 }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const PROBLEM_RESPONSES: Readonly<Record<number, readonly [name: string, description: string]>> = {
  400: ['BadRequest', 'The request is not valid: a body, field, filter, sort or query problem (see `code`, `field` and `errors`).'],
  401: ['Unauthorized', 'Sign in (POST /api/v1/auth/login) or send `Authorization: Bearer <token>`.'],
  403: ['Forbidden', 'You may not do this; ask an administrator for access.'],
  404: ['NotFound', 'No such entity, record or field.'],
  409: ['Conflict', 'A conflict: a stale `version`, a unique value already taken, or a change that needs `confirm`.'],
  413: ['PayloadTooLarge', 'The body is larger than 1 MB.'],
  415: ['UnsupportedMediaType', 'Send JSON with `Content-Type: application/json`.'],
  428: ['PreconditionRequired', 'Send the `version` you read (in the body or an If-Match header).'],
  500: ['InternalError', 'Something went wrong on the server; it has been logged.'],
  503: ['Unavailable', 'The database is busy or down; retry in a moment.'],
};

/** The shared problem responses, `components.responses`. */
export function problemResponseComponents(): JsonObject {
  const out: JsonObject = {};
  for (const [name, description] of Object.values(PROBLEM_RESPONSES)) {
    out[name] = { description, content: { [PROBLEM_JSON]: { schema: schemaRef('Problem') } } };
  }
  return out;
}

/** `$ref`s to the problem responses for these statuses (500 always added). */
export function problems(...statuses: number[]): JsonObject {
  const out: JsonObject = {};
  for (const status of [...statuses, 500]) {
    const known = PROBLEM_RESPONSES[status];
    if (known) out[String(status)] = { $ref: `#/components/responses/${known[0]}` };
  }
  return out;
}

/** What a field means, for its `description`: the metadata's description, the option labels, read-only. */
function describeField(field: CompiledField): string | undefined {
  const parts: string[] = [];
  if (field.def.description) parts.push(field.def.description);
  if (field.def.options?.length) parts.push(`Options: ${field.def.options.map((o) => (o.label.en === o.value ? `\`${o.value}\`` : `\`${o.value}\` (${o.label.en})`)).join(', ')}.`);
  if (field.type.readOnly) parts.push('Read-only: computed by the server.');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function annotate(schema: unknown, field: CompiledField): JsonSchema {
  const description = describeField(field);
  return { ...(schema as JsonSchema), title: field.def.label.en, ...(description ? { description } : {}), ...(field.type.readOnly ? { readOnly: true } : {}) };
}

const SYSTEM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  id: 'The record id.',
  version: 'Optimistic-lock version: send it back on PATCH (`version` in the body, or If-Match); a stale one gets 409.',
  createdAt: 'When the record was created.',
  updatedAt: 'When the record was last changed.',
  createdBy: 'The user who created it (null for the system).',
  updatedBy: 'The user who last changed it (null for the system).',
};

function recordComponent(entity: CompiledEntity, model: CompiledModel): JsonSchema {
  const schema = plainSchema(recordSchema(entity));
  const properties = schema.properties as JsonObject;
  for (const [name, description] of Object.entries(SYSTEM_DESCRIPTIONS)) properties[name] = { ...(properties[name] as JsonSchema), description };
  for (const field of entity.fields) {
    let property = properties[field.name] as JsonSchema;
    const target = field.def.type === 'relation' && field.def.target ? model.entities.get(field.def.target) : undefined;
    if (target && Array.isArray(property.anyOf)) {
      const [id, ...rest] = property.anyOf as JsonSchema[];
      property = { ...property, anyOf: [id, { ...schemaRef(`${componentStem(target.name)}Record`), description: `With expand=${field.name}: the ${target.def.label.en} itself.` }, ...rest] };
    }
    properties[field.name] = annotate(property, field);
  }
  for (const inverse of entity.inverses) {
    const source = model.entities.get(inverse.entity);
    if (!source || properties[inverse.name] !== undefined) continue;
    properties[inverse.name] = {
      type: 'array',
      items: schemaRef(`${componentStem(source.name)}Record`),
      maxItems: MAX_EXPANDED_CHILDREN,
      title: source.def.labelPlural.en,
      description: `Only with expand=${inverse.name}: the ${source.def.labelPlural.en} whose ${inverse.field} is this record (at most ${MAX_EXPANDED_CHILDREN}).`,
    };
  }
  return { ...schema, ...(entity.def.description ? { description: entity.def.description } : {}) };
}

function writableProperties(schema: JsonSchema, entity: CompiledEntity): JsonObject {
  const properties = { ...(schema.properties as JsonObject) };
  for (const field of entity.fields) if (properties[field.name] !== undefined) properties[field.name] = annotate(properties[field.name], field);
  return properties;
}

function createComponent(entity: CompiledEntity): JsonSchema {
  const schema = plainSchema(createDocSchema(entity));
  return { ...schema, description: `A new ${entity.def.label.en}. Optional fields may be left out or sent as null.`, properties: writableProperties(schema, entity) };
}

function updateComponent(entity: CompiledEntity): JsonSchema {
  const schema = plainSchema(inputSchema(entity));
  return {
    ...schema,
    description: `Changes to a ${entity.def.label.en}: only the fields sent change; null clears a field.`,
    required: ['version'],
    properties: {
      version: { type: 'integer', minimum: 1, description: 'The version you read. It may instead go in an If-Match header; a stale one gets 409.' },
      ...writableProperties(schema, entity),
    },
  };
}

function pageComponent(entity: CompiledEntity): JsonSchema {
  return {
    type: 'object',
    title: `${entity.def.labelPlural.en} page`,
    required: ['data', 'nextCursor'],
    properties: {
      data: { type: 'array', items: schemaRef(`${componentStem(entity.name)}Record`) },
      nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Pass as `cursor` for the next page; null on the last page.' },
      total: { type: 'integer', minimum: 0, description: 'All matching records; only with count=true.' },
    },
  };
}

/** `<Entity>Record`, `<Entity>Create`, `<Entity>Update` and `<Entity>Page` of one entity. */
export function entitySchemas(entity: CompiledEntity, model: CompiledModel): JsonObject {
  const stem = componentStem(entity.name);
  return {
    [`${stem}Record`]: recordComponent(entity, model),
    [`${stem}Create`]: createComponent(entity),
    [`${stem}Update`]: updateComponent(entity),
    [`${stem}Page`]: pageComponent(entity),
  };
}
