import type { FastifyInstance } from 'fastify';
import { requireAdmin, type RoleService } from '../../acl/role-service.js';
import { actorOf } from '../request-context.js';

/** Role definitions: read by administrators, changed as customisations. */
export function roleRoutes(server: FastifyInstance, roles: RoleService): void {
  server.get('/api/v1/metadata/roles', async (request) => {
    requireAdmin(actorOf(request).isAdmin, 'read role definitions');
    return { data: roles.list() };
  });
  server.get<{ Params: { role: string } }>('/api/v1/metadata/roles/:role', async (request) => {
    requireAdmin(actorOf(request).isAdmin, 'read role definitions');
    return roles.get(request.params.role);
  });
  server.post('/api/v1/metadata/roles', async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor.isAdmin, 'create roles');
    return reply.status(201).send(await roles.add(request.body, actor.userId));
  });
  server.patch<{ Params: { role: string } }>('/api/v1/metadata/roles/:role', async (request) => {
    const actor = actorOf(request);
    requireAdmin(actor.isAdmin, 'change roles');
    return roles.update(request.params.role, request.body, actor.userId);
  });
}
