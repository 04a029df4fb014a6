import type { FastifyInstance } from 'fastify';
import { AuthErrors } from '../../auth/auth-errors.js';
import { requireAdmin } from '../../auth/guards.js';
import { bodyObject, optionalBoolean, optionalIds, optionalRoles, optionalString, pathId, requiredString } from '../../auth/input.js';
import type { TokenCache } from '../../auth/token-cache.js';
import { userAdmin } from '../../auth/user-admin.js';
import type { Database } from '../../data/database.js';

const CREATE = ['email', 'name', 'password', 'isAdmin', 'roles', 'teams'] as const;
const UPDATE = ['name', 'active', 'isAdmin', 'roles', 'teams'] as const;

/** Users, their roles and teams: administrators only. Password hashes never leave the server. */
export function userRoutes(server: FastifyInstance, db: Database, cache: TokenCache): void {
  server.get('/api/v1/users', async (request) => {
    requireAdmin(request);
    return { data: await userAdmin.list(db.reader) };
  });

  server.post('/api/v1/users', async (request, reply) => {
    requireAdmin(request);
    const body = bodyObject(request.body, CREATE);
    const input = {
      email: requiredString(body, 'email', 254),
      name: requiredString(body, 'name', 200),
      password: requiredString(body, 'password', 200),
      isAdmin: optionalBoolean(body, 'isAdmin') ?? false,
      roles: optionalRoles(body, 'roles') ?? [],
      teams: optionalIds(body, 'teams') ?? [],
    };
    const id = await db.transaction((tx) => userAdmin.create(tx, input));
    // New team mates change what every member of those teams may see.
    if (input.teams.length > 0) cache.forgetAll();
    return reply.status(201).header('location', `/api/v1/users/${id}`).send(await userAdmin.view(db.reader, id));
  });

  server.get<{ Params: { id: string } }>('/api/v1/users/:id', async (request) => {
    requireAdmin(request);
    return userAdmin.view(db.reader, pathId(request.params.id, AuthErrors.userNotFound));
  });

  server.patch<{ Params: { id: string } }>('/api/v1/users/:id', async (request) => {
    requireAdmin(request);
    const id = pathId(request.params.id, AuthErrors.userNotFound);
    const body = bodyObject(request.body, UPDATE);
    const patch = {
      name: optionalString(body, 'name', 200),
      active: optionalBoolean(body, 'active'),
      isAdmin: optionalBoolean(body, 'isAdmin'),
      roles: optionalRoles(body, 'roles'),
      teams: optionalIds(body, 'teams'),
    };
    await db.transaction((tx) => userAdmin.update(tx, id, patch));
    // Cached actors carry admin flag, roles and team mates: drop them so the next request sees the change.
    if (patch.teams !== undefined) cache.forgetAll();
    else cache.forgetUser(id);
    return userAdmin.view(db.reader, id);
  });
}
