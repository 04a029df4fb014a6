import type { FastifyInstance } from 'fastify';
import { entityAccess } from '../../acl/entity-access.js';
import { explainAccess } from '../../acl/explain.js';
import { ExplainErrors, findUser, subjectOf } from '../../acl/explain-subject.js';
import { allInScope } from '../../acl/write-guard.js';
import { requireUser } from '../../auth/guards.js';
import type { Database } from '../../data/database.js';
import { Errors } from '../../errors/index.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { parseId, type RawQuery } from '../query-params.js';

const PARAMETERS = ['user', 'entity', 'id'] as const;

/** One query parameter, sent at most once. */
function parameter(query: RawQuery, name: string, required: boolean): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw Errors.invalidQuery(name, `Send "${name}" once.`);
  if (required && (value === undefined || value.trim() === '')) throw Errors.invalidQuery(name, `"${name}" is required: GET /api/v1/access/explain?user=<id or email>&entity=<name>[&id=<record id>].`);
  return value?.trim();
}

/**
 * `GET /api/v1/access/explain?user=&entity=[&id=]`: why a user may or may not do each
 * operation on an entity (and one record), role by role. Administrators may explain anyone;
 * others only themselves, and then only what they could find out anyway: an entity they cannot
 * reach, or a record outside their read scope, is a 404 as on the records API.
 */
export function accessRoutes(server: FastifyInstance, db: Database, registry: MetadataRegistry): void {
  server.get<{ Querystring: RawQuery }>('/api/v1/access/explain', async (request) => {
    const caller = requireUser(request);
    const query = request.query;
    for (const key of Object.keys(query)) {
      if (!(PARAMETERS as readonly string[]).includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${PARAMETERS.join(', ')}.`);
    }
    const userRef = parameter(query, 'user', true)!;
    const entityName = parameter(query, 'entity', true)!;
    const idText = parameter(query, 'id', false);

    const found = await findUser(db.reader, userRef);
    // Checked before "not found", so a non-administrator learns nothing about other users.
    if (!caller.isAdmin && found?.id !== caller.userId) throw Errors.forbidden('explain the access of another user (administrators only); explain your own with user=<your id>');
    if (!found) throw ExplainErrors.userNotFound(userRef);

    const model = registry.model;
    const entity = model.entities.get(entityName);
    const own = entity && !caller.isAdmin ? entityAccess(model, entity, caller) : undefined;
    if (!entity || (own && !own.read.allowed && !own.create.allowed)) throw Errors.entityNotFound(entityName);
    const recordId = idText === undefined ? undefined : parseId(idText);
    if (recordId !== undefined && own && !(own.read.allowed && (await allInScope(db.reader, model, entity, [recordId], own.read.filter)))) {
      throw Errors.recordNotFound(entity.name, recordId);
    }

    const subject = await subjectOf(db.reader, found);
    return explainAccess({ db: db.reader, model, entity, user: subject.user, actor: subject.actor, ...(recordId !== undefined ? { recordId } : {}) });
  });
}
