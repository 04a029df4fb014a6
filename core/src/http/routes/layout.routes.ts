import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../data/actor.js';
import { Errors } from '../../errors/index.js';
import type { LayoutService } from '../../metadata/layouts/layout-service.js';
import { actorOf } from '../request-context.js';

type EntityParams = { entity: string };

function admin(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (!actor.isAdmin) throw Errors.forbidden('change a layout (administrators only)');
  return actor;
}

/** An entity's form layout: read by anyone who may read the entity, set or reset by administrators. */
export function layoutRoutes(server: FastifyInstance, layouts: LayoutService): void {
  const path = '/api/v1/metadata/entities/:entity/layout';
  server.get<{ Params: EntityParams }>(path, async (request) => layouts.get(request.params.entity, actorOf(request)));
  server.put<{ Params: EntityParams }>(path, async (request) => layouts.set(request.params.entity, request.body, admin(request)));
  server.delete<{ Params: EntityParams }>(path, async (request) => layouts.reset(request.params.entity, admin(request)));
}
