import type { FastifyInstance } from 'fastify';
import type { MetadataService } from '../../metadata/metadata-service.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../data/actor.js';
import { Errors } from '../../errors/index.js';
import { actorOf } from '../request-context.js';

/** The caller, who must be an administrator: metadata changes are consultants' work. */
function admin(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (!actor.isAdmin) throw Errors.forbidden('change the metadata (entities, fields, indexes)');
  return actor;
}

type EntityParams = { entity: string };
type FieldParams = { entity: string; field: string };

/** Metadata endpoints: read the effective model, add and change customisations. */
export function metadataRoutes(server: FastifyInstance, metadata: MetadataService, registry: MetadataRegistry): void {
  server.get('/api/v1/metadata/entities', async (request) => {
    return { data: metadata.list(actorOf(request)), revision: registry.model.revision };
  });

  server.get<{ Params: EntityParams }>('/api/v1/metadata/entities/:entity', async (request) => {
    return metadata.describe(request.params.entity, actorOf(request));
  });

  server.post('/api/v1/metadata/entities', async (request, reply) => {
    const entity = await metadata.addEntity(request.body, admin(request));
    return reply.status(201).header('location', `/api/v1/metadata/entities/${entity.name}`).send(entity);
  });

  server.patch<{ Params: EntityParams }>('/api/v1/metadata/entities/:entity', async (request) => {
    return metadata.updateEntity(request.params.entity, request.body, admin(request));
  });

  server.post<{ Params: EntityParams }>('/api/v1/metadata/entities/:entity/fields', async (request, reply) => {
    const field = await metadata.addField(request.params.entity, request.body, admin(request));
    return reply.status(201).send(field);
  });

  server.patch<{ Params: FieldParams }>('/api/v1/metadata/entities/:entity/fields/:field', async (request) => {
    return metadata.updateField(request.params.entity, request.params.field, request.body, admin(request));
  });

  server.delete<{ Params: FieldParams; Querystring: { confirm?: string } }>('/api/v1/metadata/entities/:entity/fields/:field', async (request, reply) => {
    await metadata.removeField(request.params.entity, request.params.field, request.query.confirm === 'true', admin(request));
    return reply.status(204).send();
  });

  server.post<{ Params: EntityParams }>('/api/v1/metadata/entities/:entity/indexes', async (request, reply) => {
    const entity = await metadata.addIndex(request.params.entity, request.body, admin(request));
    return reply.status(201).send(entity);
  });

  server.get('/api/v1/metadata/customisations', async (request) => {
    admin(request);
    return { data: registry.stored, conflicts: registry.model.conflicts };
  });
}
