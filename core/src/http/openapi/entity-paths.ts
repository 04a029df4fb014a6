import { MAX_PAGE_SIZE } from '../../data/record-reader.js';
import { MAX_BULK_ROWS } from '../../data/record-writer.js';
import type { CompiledEntity, CompiledField } from '../../metadata/compile/compiled-types.js';
import { SYSTEM_COLUMNS } from '../../metadata/compile/system-columns.js';
import { problems } from './components.js';
import { componentStem, jsonContent, schemaRef, type JsonObject } from './json-schema.js';

const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

function sortable(entity: CompiledEntity): string[] {
  const fields = entity.fields.filter((f) => f.primary !== undefined && f.primary.spec.kind !== 'json').map((f) => f.name);
  return [...SYSTEM_COLUMNS.map((c) => c.field), ...fields];
}

function expandable(entity: CompiledEntity): string[] {
  return [...entity.fields.filter((f) => f.def.type === 'relation').map((f) => f.name), ...entity.inverses.map((i) => i.name)];
}

function exampleFilter(entity: CompiledEntity): Record<string, unknown> {
  const select = entity.fields.find((f) => f.def.type === 'select' && f.def.options?.length);
  if (select) return { [select.name]: select.def.options![0]!.value };
  const text = entity.fields.find((f) => f.def.type === 'text');
  if (text) return { [text.name]: { $like: 'A%' } };
  return { id: { $in: [1, 2, 3] } };
}

function operatorTable(entity: CompiledEntity): string {
  const row = (f: CompiledField) => `- \`${f.name}\` (${f.def.type}): ${f.primary === undefined ? `by part, e.g. \`${f.name}.${f.columns[0]?.key ?? ''}\`` : f.type.operators.join(' ')}`;
  return entity.fields.map(row).join('\n');
}

function listParameters(entity: CompiledEntity): JsonObject[] {
  const byValue = exampleFilter(entity);
  const sorts = sortable(entity);
  const expands = expandable(entity);
  const someField = entity.fields[0]?.name;
  return [
    {
      name: 'filter',
      in: 'query',
      schema: { type: 'string' },
      description:
        'A JSON filter in the MikroORM / Mongo style: `{"field": value}` for equality, `{"field": {"$op": value}}` otherwise, combined with `$and`, `$or` and `$not`. ' +
        'Operators: `$eq $ne $gt $gte $lt $lte $in $nin $like $ilike $null`; one that does not fit the field is a 400.\n\n' +
        `Operators per field of ${entity.def.label.en}:\n${operatorTable(entity)}`,
      examples: {
        equals: { summary: 'Equal to a value', value: JSON.stringify(byValue) },
        recent: { summary: 'Changed since a date', value: JSON.stringify({ updatedAt: { $gte: '2026-01-01T00:00:00Z' } }) },
        either: { summary: 'One condition or another', value: JSON.stringify({ $or: [byValue, { id: { $in: [1, 2, 3] } }] }) },
      },
    },
    {
      name: 'sort',
      in: 'query',
      schema: { type: 'string' },
      description: `Comma-separated keys, a leading minus for descending, at most 5; \`id\` is added last so the order is total. Default \`-id\` (newest first). Sortable: ${code(sorts)}; composite fields by part (\`field.part\`).`,
      examples: { newest: { summary: 'Newest first', value: '-id' }, ...(someField ? { byField: { summary: `By ${someField}, then newest`, value: `${someField},-createdAt` } } : {}) },
    },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 }, description: `Records per page (1–${MAX_PAGE_SIZE}).`, example: 20 },
    { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The opaque `nextCursor` of the previous page (keyset: stable under concurrent inserts). Valid only with the same filter and sort.' },
    {
      name: 'fields',
      in: 'query',
      schema: { type: 'string' },
      description: `Comma-separated fields to return (system fields always come back). Fields: ${code(entity.fields.map((f) => f.name))}.`,
      ...(someField ? { example: entity.fields.slice(0, 2).map((f) => f.name).join(',') } : {}),
    },
    {
      name: 'expand',
      in: 'query',
      schema: { type: 'string' },
      description: `Comma-separated relations to return as records instead of ids, and inverse lists to add. Expandable: ${expands.length ? code(expands) : 'none'}.`,
      ...(expands[0] ? { example: expands[0] } : {}),
    },
    { name: 'count', in: 'query', schema: { type: 'boolean', default: false }, description: 'Also return `total`, the number of matching records.' },
    { name: 'deleted', in: 'query', schema: { type: 'boolean', default: false }, description: 'List deleted records (to restore them) instead of live ones.' },
  ];
}

function getParameters(entity: CompiledEntity): JsonObject[] {
  return listParameters(entity).filter((p) => p.name === 'fields' || p.name === 'expand');
}

const ID_PARAMETER = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The record id.' };
const IF_MATCH = { name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'The version you read, e.g. `"3"` (the ETag of a read); instead of `version`.', example: '"3"' };
const ETAG = { ETag: { description: 'The record version, quoted: send it back as If-Match.', schema: { type: 'string' } } };

/** The record paths of one entity: list and create, bulk create, read, update, delete and restore. */
export function entityPaths(entity: CompiledEntity): JsonObject {
  const stem = componentStem(entity.name);
  const label = entity.def.label.en;
  const plural = entity.def.labelPlural.en;
  const tags = [entityTag(entity)];
  const record = schemaRef(`${stem}Record`);
  const base = `/api/v1/records/${entity.name}`;
  return {
    [base]: {
      get: { tags, operationId: `list${stem}`, summary: `List ${plural}`, description: 'Filter, sort, paginate by cursor, select fields, expand relations.', parameters: listParameters(entity), responses: { 200: { description: `A page of ${plural}.`, content: jsonContent(schemaRef(`${stem}Page`)) }, ...problems(400, 401, 403) } },
      post: {
        tags,
        operationId: `create${stem}`,
        summary: `Create ${article(label)} ${label}`,
        requestBody: { required: true, content: jsonContent(schemaRef(`${stem}Create`)) },
        responses: { 201: { description: `The ${label} as stored.`, headers: { ...ETAG, Location: { description: 'The URL of the new record.', schema: { type: 'string' } } }, content: jsonContent(record) }, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    [`${base}/bulk`]: {
      post: {
        tags,
        operationId: `bulkCreate${stem}`,
        summary: `Create up to ${MAX_BULK_ROWS} ${plural}, all or nothing`,
        description: 'A JSON array of records, or `{ "records": [...] }`. If any row is refused nothing is stored, and the 400 lists every problem with its row `index`.',
        requestBody: {
          required: true,
          content: jsonContent({
            oneOf: [
              { type: 'array', items: schemaRef(`${stem}Create`), maxItems: MAX_BULK_ROWS },
              { type: 'object', required: ['records'], properties: { records: { type: 'array', items: schemaRef(`${stem}Create`), maxItems: MAX_BULK_ROWS } }, additionalProperties: false },
            ],
          }),
        },
        responses: { 201: { description: `The ${plural} as stored, in order.`, content: jsonContent({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: record } } }) }, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    [`${base}/{id}`]: {
      parameters: [ID_PARAMETER],
      get: { tags, operationId: `get${stem}`, summary: `Read ${article(label)} ${label}`, parameters: getParameters(entity), responses: { 200: { description: `The ${label}.`, headers: ETAG, content: jsonContent(record) }, ...problems(400, 401, 403, 404) } },
      patch: {
        tags,
        operationId: `update${stem}`,
        summary: `Change ${article(label)} ${label}`,
        description: 'Send the `version` you read, in the body or as If-Match. If someone changed the record since, the answer is 409 with the current version: reload, reapply, resend.',
        parameters: [IF_MATCH],
        requestBody: { required: true, content: jsonContent(schemaRef(`${stem}Update`)) },
        responses: { 200: { description: `The ${label} as stored.`, headers: ETAG, content: jsonContent(record) }, ...problems(400, 401, 403, 404, 409, 413, 415, 428) },
      },
      delete: {
        tags,
        operationId: `delete${stem}`,
        summary: `Delete ${article(label)} ${label}`,
        description: 'A soft delete: restore undoes it. A version (query or If-Match) is optional; when sent, a stale one gets 409.',
        parameters: [{ name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'The version you read.' }, IF_MATCH],
        responses: { 204: { description: 'Deleted.' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    [`${base}/{id}/restore`]: {
      parameters: [ID_PARAMETER],
      post: { tags, operationId: `restore${stem}`, summary: `Restore a deleted ${label}`, responses: { 200: { description: `The ${label}, live again.`, content: jsonContent(record) }, ...problems(400, 401, 403, 404, 409) } },
    },
  };
}

/** The tag grouping an entity's operations: its plural label, with the API name when they differ. */
export function entityTag(entity: CompiledEntity): string {
  const plural = entity.def.labelPlural.en;
  return plural.toLowerCase() === entity.name.toLowerCase() ? plural : `${plural} (${entity.name})`;
}

/** "a" or "an" before a label (by its first letter; good enough for summaries). */
function article(label: string): string {
  return /^[aeiou]/i.test(label) ? 'an' : 'a';
}
