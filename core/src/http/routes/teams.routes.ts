import type { FastifyInstance } from 'fastify';
import { accessStore } from '../../auth/access-store.js';
import { AuthErrors } from '../../auth/auth-errors.js';
import { requireAdmin } from '../../auth/guards.js';
import { bodyObject, optionalIds, pathId, requiredString, type Body } from '../../auth/input.js';
import { teamStore } from '../../auth/team-store.js';
import type { TokenCache } from '../../auth/token-cache.js';
import type { Database, SqlExecutor } from '../../data/database.js';

const teamName = (body: Body) => requiredString(body, 'name', 200).trim();

async function setMembers(tx: SqlExecutor, teamId: number, userIds: readonly number[]): Promise<void> {
  const missing = await accessStore.missing(tx, 'kith_user', userIds);
  if (missing.length > 0) throw AuthErrors.unknownIds('userIds', 'user', missing);
  await accessStore.setMembers(tx, teamId, userIds);
}

/**
 * Teams and their members: administrators only. Membership decides "team" scopes, so a change
 * forgets every cached actor on this node (other nodes follow within the cache's second).
 */
export function teamRoutes(server: FastifyInstance, db: Database, cache: TokenCache): void {
  const view = async (id: number) => {
    const team = await teamStore.byId(db.reader, id);
    if (!team) throw AuthErrors.teamNotFound(id);
    return team;
  };

  server.get('/api/v1/teams', async (request) => {
    requireAdmin(request);
    return { data: await teamStore.list(db.reader) };
  });

  server.post('/api/v1/teams', async (request, reply) => {
    requireAdmin(request);
    const body = bodyObject(request.body, ['name', 'userIds']);
    const name = teamName(body);
    const userIds = optionalIds(body, 'userIds') ?? [];
    const id = await db.transaction(async (tx) => {
      const created = await teamStore.create(tx, name);
      await setMembers(tx, created, userIds);
      return created;
    });
    if (userIds.length > 0) cache.forgetAll();
    return reply.status(201).header('location', `/api/v1/teams/${id}`).send(await view(id));
  });

  server.get<{ Params: { id: string } }>('/api/v1/teams/:id', async (request) => {
    requireAdmin(request);
    return view(pathId(request.params.id, AuthErrors.teamNotFound));
  });

  server.patch<{ Params: { id: string } }>('/api/v1/teams/:id', async (request) => {
    requireAdmin(request);
    const id = pathId(request.params.id, AuthErrors.teamNotFound);
    const name = teamName(bodyObject(request.body, ['name']));
    if (!(await db.transaction((tx) => teamStore.rename(tx, id, name)))) throw AuthErrors.teamNotFound(id);
    return view(id);
  });

  server.put<{ Params: { id: string } }>('/api/v1/teams/:id/members', async (request) => {
    requireAdmin(request);
    const id = pathId(request.params.id, AuthErrors.teamNotFound);
    const body = bodyObject(request.body, ['userIds']);
    const userIds = optionalIds(body, 'userIds');
    if (userIds === undefined) throw AuthErrors.invalidInput('userIds', 'Send "userIds": the full list of member ids (an empty list removes everyone).');
    await db.transaction(async (tx) => {
      if (!(await teamStore.byId(tx, id))) throw AuthErrors.teamNotFound(id);
      await setMembers(tx, id, userIds);
    });
    cache.forgetAll();
    return view(id);
  });
}
