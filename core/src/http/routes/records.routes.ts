import type { FastifyInstance } from 'fastify';
import type { RecordInput } from '@kith/sdk';
import type { RecordService } from '../../data/record-service.js';
import { Errors } from '../../errors/index.js';
import { parseGetQuery, parseId, parseListQuery, versionFrom, type RawQuery } from '../query-params.js';
import { recordSerializer } from '../record-serializer.js';
import { actorOf } from '../request-context.js';

const JSON_TYPE = 'application/json; charset=utf-8';

type EntityParams = { entity: string };
type RecordParams = { entity: string; id: string };

function withoutVersion(body: unknown): RecordInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body as RecordInput;
  const { version: _version, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** REST for records: thin handlers — parse, call the record service, respond. */
export function recordRoutes(server: FastifyInstance, records: RecordService): void {
  server.get<{ Params: EntityParams; Querystring: RawQuery }>('/api/v1/records/:entity', async (request, reply) => {
    const { deleted, ...query } = parseListQuery(request.query);
    const actor = actorOf(request);
    const model = records.currentModel();
    const page = await records.list(request.params.entity, query, actor, deleted ? 'deleted' : 'live', model);
    // Expanded relations change the shape; everything else is serialised from the entity's schema.
    if (query.expand?.length) return reply.send(page);
    return reply.type(JSON_TYPE).send(recordSerializer(records.entity(request.params.entity, model)).page(page));
  });

  server.post<{ Params: EntityParams; Body: unknown }>('/api/v1/records/:entity', async (request, reply) => {
    const record = await records.create(request.params.entity, request.body as RecordInput, actorOf(request));
    return reply.status(201).header('location', `/api/v1/records/${request.params.entity}/${String(record.id)}`).header('etag', `"${String(record.version)}"`).send(record);
  });

  server.post<{ Params: EntityParams; Body: unknown }>('/api/v1/records/:entity/bulk', async (request, reply) => {
    const body = request.body;
    const rows = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records) ? (body as { records: unknown[] }).records : undefined;
    if (!rows) throw Errors.bulkNotArray();
    const created = await records.bulkCreate(request.params.entity, rows as RecordInput[], actorOf(request));
    return reply.status(201).send({ data: created });
  });

  server.get<{ Params: RecordParams; Querystring: RawQuery }>('/api/v1/records/:entity/:id', async (request, reply) => {
    const actor = actorOf(request);
    const model = records.currentModel();
    const options = parseGetQuery(request.query);
    const record = await records.get(request.params.entity, parseId(request.params.id), actor, options, model);
    reply.header('etag', `"${String(record.version)}"`);
    if (options.expand?.length) return reply.send(record);
    return reply.type(JSON_TYPE).send(recordSerializer(records.entity(request.params.entity, model)).record(record));
  });

  server.patch<{ Params: RecordParams; Body: unknown }>('/api/v1/records/:entity/:id', async (request, reply) => {
    const version = versionFrom(request.body, request.headers['if-match']);
    const record = await records.update(request.params.entity, parseId(request.params.id), withoutVersion(request.body), version, actorOf(request));
    return reply.header('etag', `"${String(record.version)}"`).send(record);
  });

  server.delete<{ Params: RecordParams; Querystring: RawQuery }>('/api/v1/records/:entity/:id', async (request, reply) => {
    const versionText = request.query.version;
    const version = typeof versionText === 'string' ? versionFrom({ version: Number(versionText) }, undefined) : versionFrom(undefined, request.headers['if-match']);
    await records.delete(request.params.entity, parseId(request.params.id), actorOf(request), version);
    return reply.status(204).send();
  });

  server.post<{ Params: RecordParams }>('/api/v1/records/:entity/:id/restore', async (request) => {
    return records.restore(request.params.entity, parseId(request.params.id), actorOf(request));
  });
}
