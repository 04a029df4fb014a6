import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readScopes } from '../../acl/read-scope.js';
import type { Actor } from '../../data/actor.js';
import { isKithError } from '../../errors/index.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { buildOpenApi, type OpenApiAudience } from '../openapi/build-openapi.js';
import { visibleModel } from '../openapi/visible-model.js';
import type { Authenticator } from '../request-context.js';

/**
 * The docs page may load only what this server serves: Swagger UI's bundled assets, the
 * document, and (for "Try it out") the API itself. The logo is a data: URI.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

/** One built document and its JSON text. */
interface CachedDocument {
  readonly document: Record<string, unknown>;
  readonly json: string;
}

/** Role sets seen per model revision are few; this only bounds a pathological number of them. */
const MAX_CACHED = 200;

/**
 * `GET /openapi.json` and the browsable `/docs`, as the caller may see the API: anonymous
 * callers get health and sign-in only (and a note to sign in); signed-in callers (bearer token
 * or the `kith_session` cookie, as on the API) get the entities and fields their roles may read
 * (`readScopes`); administrators get everything. Documents are cached per model revision and
 * role set — not per user, since what a document shows depends only on the roles — and dropped
 * on every metadata change.
 */
export async function openApiRoutes(server: FastifyInstance, registry: MetadataRegistry, version: string, authenticate: Authenticator): Promise<void> {
  const cached = new Map<string, CachedDocument>();
  registry.onChange(() => cached.clear());

  const documentFor = (actor: Actor | null): CachedDocument => {
    const model = registry.model;
    const audience: OpenApiAudience = !actor ? 'anonymous' : actor.isAdmin ? 'admin' : 'reader';
    const key = `${model.revision}|${audience}|${audience === 'reader' ? [...(actor?.roles ?? [])].sort().join(',') : ''}`;
    let found = cached.get(key);
    if (!found) {
      const shown = audience === 'reader' && actor ? visibleModel(model, readScopes(model, actor)) : model;
      const document = buildOpenApi(shown, version, audience) as Record<string, unknown>;
      found = { document, json: JSON.stringify(document) };
      if (cached.size >= MAX_CACHED) cached.clear();
      cached.set(key, found);
    }
    return found;
  };

  // A stale session cookie must not break the docs page: it is read as signed out. A bad bearer
  // token is still a 401, so a script learns its token is wrong instead of getting less.
  const callerOf = async (request: FastifyRequest): Promise<Actor | null> => {
    try {
      return await authenticate(request);
    } catch (error) {
      if (request.headers.authorization === undefined && isKithError(error) && error.status === 401) return null;
      throw error;
    }
  };

  server.get('/openapi.json', async (request, reply) => {
    const doc = documentFor(await callerOf(request));
    return reply.header('cache-control', 'private, no-cache').header('vary', 'Authorization, Cookie').type('application/json; charset=utf-8').send(doc.json);
  });

  // Swagger UI needs @fastify/swagger registered, whose static mode holds one fixed document;
  // its routes are kept in their own scope and /docs/json serves the caller's document instead
  // (Swagger UI always loads `./json`, with the browser's cookie). transformSpecification is
  // synchronous, so the caller is resolved first, in an onRequest hook of the document routes.
  await server.register(async (docs) => {
    docs.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0];
      if (path === '/docs/json' || path === '/docs/yaml') {
        request.actor = await callerOf(request);
        void reply.header('cache-control', 'private, no-cache').header('vary', 'Authorization, Cookie');
      }
    });
    await docs.register(fastifySwagger, { mode: 'static', specification: { document: { openapi: '3.1.0', info: { title: 'Kith API', version }, paths: {} } } });
    await docs.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      staticCSP: DOCS_CSP,
      transformSpecificationClone: false,
      transformSpecification: (_spec, request) => documentFor(request.actor).document,
      theme: { title: 'Kith API' },
      uiConfig: { deepLinking: true, displayOperationId: false, tryItOutEnabled: false, persistAuthorization: false },
    });
  });
}
