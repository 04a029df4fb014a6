import type { PluginDefinition, RouteDefinition, TSchema } from '@kith/sdk';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors, isKithError, type ErrorDetail } from '../errors/index.js';
import { actorOf } from '../http/request-context.js';
import type { PluginContexts } from './plugin-context.js';
import { PluginErrors } from './plugin-errors.js';
import './typebox-formats.js';

/** The prefix of a plugin's routes. */
export const pluginPrefix = (id: string) => `/api/v1/plugins/${id}`;

/**
 * Registers each running plugin's routes in its own encapsulated fastify scope under
 * `/api/v1/plugins/<id>`: hooks and error handling set there stay there. Every route needs a
 * signed-in caller (the app's authentication runs first, like for the rest of /api/v1), checks
 * its request against the route's schemas, and hands the handler a context acting as the caller.
 * A handler that throws answers a problem+json 500 naming the plugin; the server carries on.
 * Routes are mounted after install and start, so only plugins that are up get them.
 */
export async function mountPluginRoutes(server: FastifyInstance, plugins: readonly PluginDefinition[], contexts: PluginContexts): Promise<void> {
  for (const plugin of plugins) {
    const routes = plugin.routes ?? [];
    if (routes.length === 0) continue;
    await server.register(
      async (scope) => {
        for (const route of routes) {
          scope.route({ method: route.method, url: route.path, handler: (request, reply) => handle(plugin, route, contexts, request, reply) });
        }
      },
      { prefix: pluginPrefix(plugin.id) },
    );
  }
}

async function handle(plugin: PluginDefinition, route: RouteDefinition, contexts: PluginContexts, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const actor = actorOf(request);
  if (route.admin && actor.isAdmin !== true) throw Errors.forbidden(`call ${route.method} ${pluginPrefix(plugin.id)}${route.path} (administrators only)`);
  const params = parsePart(plugin.id, 'params', route.params, request.params, true);
  const query = parsePart(plugin.id, 'query', route.query, request.query, true);
  const body = parsePart(plugin.id, 'body', route.body, request.body, false);
  const user = { id: actor.userId, isAdmin: actor.isAdmin === true, roles: actor.roles ?? [] };
  let result: unknown;
  try {
    result = await route.handler({ params, query, body, headers: request.headers, user }, contexts.request(plugin, actor));
  } catch (error) {
    // Kith's own errors (permissions, records, validation) keep their status; a RouteError is the
    // plugin's refusal; anything else is the plugin's failure, logged by the app's error handler
    // (with the cause) and answered with a 500 that names the plugin.
    if (isKithError(error)) throw error;
    if (isRouteError(error)) throw PluginErrors.routeRefused(plugin.id, error);
    throw PluginErrors.routeFailed(plugin.id, request.method, request.url.split('?')[0]!, error);
  }
  if (result === undefined) return reply.status(204).send();
  return reply.status(route.status).send(result);
}

/** A request part checked against the route's schema (query and params converted from text first); a 400 names every field. */
function parsePart(plugin: string, part: string, schema: TSchema | undefined, value: unknown, fromText: boolean): unknown {
  if (!schema) return value;
  const input = fromText ? Value.Convert(schema, Value.Clone(value ?? {})) : value;
  const withDefaults = Value.Default(schema, Value.Clone(input));
  if (Value.Check(schema, withDefaults)) return withDefaults;
  const errors: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, withDefaults)) {
    const field = e.path.split('/').filter(Boolean).join('.') || `(${part})`;
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, code: 'KITH_PLUGIN_REQUEST_INVALID', message: `${field}: ${e.message}` });
  }
  throw PluginErrors.requestInvalid(plugin, part, errors);
}

interface RouteErrorLike {
  readonly name: 'RouteError';
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** The SDK's RouteError, also from another copy of the SDK. */
function isRouteError(error: unknown): error is RouteErrorLike {
  return error instanceof Error && error.name === 'RouteError' && typeof (error as { status?: unknown }).status === 'number' && typeof (error as { code?: unknown }).code === 'string';
}
