import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../data/actor.js';
import type { Database } from '../../data/database.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { PrivacyErrors } from '../../privacy/privacy-errors.js';
import { PrivacyService } from '../../privacy/privacy-service.js';
import { parseId } from '../query-params.js';
import { actorOf } from '../request-context.js';

type SubjectParams = { entity: string; id: string };

function admin(request: FastifyRequest, what: string): Actor {
  const actor = actorOf(request);
  if (actor.isAdmin !== true) throw PrivacyErrors.adminOnly(what);
  return actor;
}

/** Personal-data requests about one record: export, erase, anonymise (administrators only). */
export function privacyRoutes(server: FastifyInstance, db: Database, registry: MetadataRegistry): void {
  const privacy = new PrivacyService(db, () => registry.model);
  const base = '/api/v1/privacy/subjects/:entity/:id';

  server.get<{ Params: SubjectParams }>(`${base}/export`, async (request, reply) => {
    const actor = admin(request, 'export personal data');
    const { entity } = request.params;
    const id = parseId(request.params.id);
    const doc = await privacy.export(entity, id, actor);
    return reply.header('content-disposition', `attachment; filename="${entity.replace(/[^A-Za-z0-9_-]/g, '')}-${id}.json"`).send(doc);
  });

  server.post<{ Params: SubjectParams }>(`${base}/erase`, async (request) => {
    const actor = admin(request, 'erase or anonymise personal data');
    return privacy.erase(request.params.entity, parseId(request.params.id), request.body, actor);
  });
}
