import { COMPUTED_RESULT_TYPES, FIELD_TYPES, ROLLUP_OPS, ROLLUP_RESULT_TYPES } from '@kith/sdk';
import { EntityPatchBody, FieldPatchBody, IndexBody, NewEntityBody, NewFieldBody } from '../../metadata/metadata-inputs.js';
import { problems } from './components.js';
import { jsonContent, plainSchema, schemaRef, type JsonObject } from './json-schema.js';

/** The tag of the metadata endpoints. */
export const METADATA_TAG = 'Metadata';
/** The tag of the health endpoint. */
export const SYSTEM_TAG = 'System';

const LABELS = { type: 'object', required: ['en'], properties: { en: { type: 'string' } }, additionalProperties: { type: 'string' }, description: 'A text per locale; `en` always present.' };

/** The schemas of the metadata and health endpoints, `components.schemas`. */
export function systemSchemas(): JsonObject {
  return {
    Labels: LABELS,
    MetadataField: {
      type: 'object',
      title: 'Field definition',
      required: ['id', 'name', 'type', 'label', 'source'],
      properties: {
        id: { type: 'string', description: 'Stable id: customisations refer to it, so renames are safe.' },
        name: { type: 'string' },
        type: { type: 'string', enum: [...FIELD_TYPES] },
        label: schemaRef('Labels'),
        description: { type: 'string' },
        required: { type: 'boolean' },
        unique: { type: 'boolean' },
        hidden: { type: 'boolean' },
        readonly: { type: 'boolean' },
        searchable: { type: 'boolean' },
        default: {},
        defaultFormula: { description: 'A JsonLogic formula for the value on create when the input leaves the field out; reads the input, `$now`, `$today`, `$user`.' },
        maxLength: { type: 'integer' },
        min: { type: 'number' },
        max: { type: 'number' },
        scale: { type: 'integer' },
        options: { type: 'array', items: { type: 'object', required: ['value', 'label'], properties: { value: { type: 'string' }, label: schemaRef('Labels'), color: { type: 'string' } } } },
        target: { type: 'string', description: 'relation: the target entity.' },
        inverse: { type: 'string', description: 'relation: the list on the target.' },
        formula: { description: 'computed: a JsonLogic expression over the record; `relation.field` reads a many-to-one parent.' },
        resultType: { type: 'string', enum: [...COMPUTED_RESULT_TYPES] },
        rollup: {
          type: 'object',
          description: 'rollup: an aggregate over the records pointing here, kept current by Kith.',
          required: ['relation', 'op'],
          properties: {
            relation: { type: 'string', description: 'An inverse list (`deals`) or `<child entity>.<relation field>`.' },
            op: { type: 'string', enum: [...ROLLUP_OPS] },
            field: { type: 'string', description: 'The child field aggregated (not for count).' },
            where: { description: 'A JsonLogic condition over the child: only matching children count.' },
            resultType: { type: 'string', enum: [...ROLLUP_RESULT_TYPES] },
          },
        },
        defaultCurrency: { type: 'string' },
        defaultRegion: { type: 'string' },
        source: { type: 'string', description: '`core`, `plugin:<id>` or `custom`.' },
      },
    },
    MetadataEntity: {
      type: 'object',
      title: 'Entity definition',
      required: ['id', 'name', 'label', 'labelPlural', 'fields', 'indexes', 'source'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        label: schemaRef('Labels'),
        labelPlural: schemaRef('Labels'),
        description: { type: 'string' },
        fields: { type: 'array', items: schemaRef('MetadataField') },
        indexes: { type: 'array', items: schemaRef('MetadataNewIndex') },
        ownerField: { type: 'string' },
        titleField: { type: 'string' },
        source: { type: 'string' },
      },
    },
    MetadataEntityDescription: {
      allOf: [
        schemaRef('MetadataEntity'),
        {
          type: 'object',
          properties: {
            schema: { type: 'object', description: 'JSON Schema of the create body (for forms).' },
            inverses: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, entity: { type: 'string' }, field: { type: 'string' } } } },
          },
        },
      ],
    },
    MetadataNewEntity: plainSchema(NewEntityBody),
    MetadataNewField: plainSchema(NewFieldBody),
    MetadataFieldPatch: plainSchema(FieldPatchBody),
    MetadataEntityPatch: plainSchema(EntityPatchBody),
    MetadataNewIndex: plainSchema(IndexBody),
    Health: {
      type: 'object',
      required: ['status', 'version', 'database', 'plugins'],
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded', 'down'] },
        version: { type: 'string' },
        database: { type: 'object', required: ['dialect', 'status'], properties: { dialect: { type: 'string', enum: ['sqlite', 'postgresql'] }, status: { type: 'string', enum: ['ok', 'down'] }, error: { type: 'string' } } },
        plugins: {
          type: 'array',
          items: { type: 'object', required: ['name', 'version', 'state'], properties: { name: { type: 'string' }, version: { type: 'string' }, state: { type: 'string', enum: ['enabled', 'failed', 'disabled'] }, error: { type: 'string' } } },
        },
      },
    },
  };
}

const ENTITY = { name: 'entity', in: 'path', required: true, schema: { type: 'string' }, description: 'The entity name, e.g. `deal`.' };
const FIELD = { name: 'field', in: 'path', required: true, schema: { type: 'string' }, description: 'The field name.' };
const tags = [METADATA_TAG];
const body = (name: string) => ({ required: true, content: jsonContent(schemaRef(name)) });
const ok = (description: string, name: string) => ({ description, content: jsonContent(schemaRef(name)) });

/** The metadata (customisation) endpoints and health. */
export function systemPaths(): JsonObject {
  const base = '/api/v1/metadata';
  return {
    '/api/v1/health': {
      get: {
        tags: [SYSTEM_TAG],
        operationId: 'health',
        summary: 'Health of the server, database and plugins',
        security: [],
        responses: { 200: ok('Up (status ok or degraded).', 'Health'), 503: ok('The database is down.', 'Health') },
      },
    },
    [`${base}/entities`]: {
      get: {
        tags,
        operationId: 'listEntities',
        summary: 'The effective entities',
        responses: { 200: { description: 'Every entity (base ⊕ customisations).', content: jsonContent({ type: 'object', required: ['data', 'revision'], properties: { data: { type: 'array', items: schemaRef('MetadataEntity') }, revision: { type: 'integer' } } }) }, ...problems(401, 403) },
      },
      post: { tags, operationId: 'addEntity', summary: 'Add a custom entity (its table is created at once)', requestBody: body('MetadataNewEntity'), responses: { 201: ok('The entity.', 'MetadataEntity'), ...problems(400, 401, 403, 409) } },
    },
    [`${base}/entities/{entity}`]: {
      parameters: [ENTITY],
      get: { tags, operationId: 'describeEntity', summary: 'One entity, with the JSON Schema of its create body', responses: { 200: ok('The entity.', 'MetadataEntityDescription'), ...problems(401, 403, 404) } },
      patch: { tags, operationId: 'updateEntity', summary: 'Relabel or describe an entity', requestBody: body('MetadataEntityPatch'), responses: { 200: ok('The entity.', 'MetadataEntity'), ...problems(400, 401, 403, 404, 409) } },
    },
    [`${base}/entities/{entity}/fields`]: {
      parameters: [ENTITY],
      post: { tags, operationId: 'addField', summary: 'Add a custom field (its column is added at once)', requestBody: body('MetadataNewField'), responses: { 201: ok('The field.', 'MetadataField'), ...problems(400, 401, 403, 404, 409) } },
    },
    [`${base}/entities/{entity}/fields/{field}`]: {
      parameters: [ENTITY, FIELD],
      patch: {
        tags,
        operationId: 'updateField',
        summary: 'Change a field (label, required, options, hidden, …)',
        description: 'Destructive changes (e.g. removing an option) need `"confirm": true`; making a field required is refused while records lack it.',
        requestBody: body('MetadataFieldPatch'),
        responses: { 200: ok('The field.', 'MetadataField'), ...problems(400, 401, 403, 404, 409) },
      },
      delete: {
        tags,
        operationId: 'removeField',
        summary: 'Remove a custom field (its data is kept in an archived column)',
        parameters: [{ name: 'confirm', in: 'query', schema: { type: 'boolean' }, description: 'Required when records hold a value in it.' }],
        responses: { 204: { description: 'Removed.' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    [`${base}/entities/{entity}/indexes`]: {
      parameters: [ENTITY],
      post: { tags, operationId: 'addIndex', summary: 'Add an index', requestBody: body('MetadataNewIndex'), responses: { 201: ok('The entity.', 'MetadataEntity'), ...problems(400, 401, 403, 404, 409) } },
    },
    [`${base}/customisations`]: {
      get: {
        tags,
        operationId: 'listCustomisations',
        summary: 'The stored customisations, in order, and those that no longer apply',
        responses: { 200: { description: 'Customisations and conflicts.', content: jsonContent({ type: 'object', required: ['data', 'conflicts'], properties: { data: { type: 'array', items: { type: 'object' } }, conflicts: { type: 'array', items: { type: 'object' } } } }) }, ...problems(401, 403) },
      },
    },
  };
}
