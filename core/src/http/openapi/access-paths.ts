import { problems } from './components.js';
import { jsonContent, schemaRef, type JsonObject } from './json-schema.js';

/** The tag of the access explanation endpoint. */
export const ACCESS_TAG = 'Access';

const SCOPE = { type: 'string', enum: ['none', 'own', 'team', 'all'] };
const OPERATION = {
  type: 'object',
  required: ['allowed', 'reason', 'grantedBy'],
  properties: {
    allowed: { type: 'boolean', description: 'With `id`: for this record; without: for some record at least (see `reason` and each scope).' },
    reason: { type: 'string', description: 'Why, in a sentence naming the roles, e.g. "Allowed by role sales-rep: scope own, and this record\'s owner is the user".' },
    grantedBy: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'scope'],
        properties: {
          role: { type: 'string' },
          scope: SCOPE,
          condition: { description: "The role's JsonLogic record condition, when it has one." },
          matches: { type: 'boolean', description: "Only with `id`: whether this record is within this role's scope and condition." },
        },
      },
    },
  },
};

/** The schema of an access explanation, `components.schemas`. */
export function accessSchemas(): JsonObject {
  return {
    AccessExplanation: {
      type: 'object',
      required: ['user', 'entity', 'operations', 'fields'],
      properties: {
        user: {
          type: 'object',
          required: ['id', 'email', 'isAdmin', 'roles', 'teams'],
          properties: {
            id: { type: 'integer' },
            email: { type: 'string' },
            isAdmin: { type: 'boolean' },
            active: { type: 'boolean' },
            roles: { type: 'array', items: { type: 'string' } },
            teams: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } } },
          },
        },
        entity: { type: 'string' },
        record: { type: 'object', required: ['id', 'exists', 'deleted'], properties: { id: { type: 'integer' }, exists: { type: 'boolean' }, deleted: { type: 'boolean' } } },
        operations: { type: 'object', required: ['create', 'read', 'edit', 'delete'], properties: { create: OPERATION, read: OPERATION, edit: OPERATION, delete: OPERATION } },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'read', 'edit', 'grantedBy', 'deniedBy'],
            properties: {
              name: { type: 'string' },
              read: { type: 'boolean' },
              edit: { type: 'boolean' },
              grantedBy: { type: 'array', items: { type: 'string' }, description: 'Roles that let the user read or write the field.' },
              deniedBy: { type: 'array', items: { type: 'string' }, description: 'Roles that grant the entity but hide the field or make it read-only.' },
            },
          },
        },
      },
    },
  };
}

/** `GET /api/v1/access/explain`. */
export function accessPaths(): JsonObject {
  return {
    '/api/v1/access/explain': {
      get: {
        tags: [ACCESS_TAG],
        operationId: 'explainAccess',
        summary: 'Why a user may or may not create, read, edit or delete on an entity (and one record), role by role',
        description:
          'Administrators may explain any user; others only themselves (`user` = their own id or email), and then an entity they cannot reach, or a record outside their read scope, is a 404 as on the records API. ' +
          'The answers use the same filters as the queries, so they cannot disagree with what the API does.',
        parameters: [
          { name: 'user', in: 'query', required: true, schema: { type: 'string' }, description: 'A user id or email.' },
          { name: 'entity', in: 'query', required: true, schema: { type: 'string' }, description: 'The entity name, e.g. `deal`.' },
          { name: 'id', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'A record id: each grant then says whether this record matches it.' },
        ],
        responses: { 200: { description: 'The explanation.', content: jsonContent(schemaRef('AccessExplanation')) }, ...problems(400, 401, 403, 404) },
      },
    },
  };
}
