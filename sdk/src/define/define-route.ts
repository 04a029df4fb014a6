import { KindGuard, type Static, type TSchema } from '@sinclair/typebox';
import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import type { PluginContext, RouteRequest } from '../types/plugin-context.js';
import { deepFreeze } from './define-entity.js';

/** The HTTP methods a plugin route may answer. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** One of ROUTE_METHODS. */
export type RouteMethod = (typeof ROUTE_METHODS)[number];

/** Paths the core answers under every plugin's prefix (`/api/v1/plugins/<id>/…`); a route may not start with them. */
export const RESERVED_ROUTE_SEGMENTS = ['settings', 'upgrade-plan', 'enable', 'disable'] as const;

const SEGMENT = /^(?:[A-Za-z0-9._~-]+|:[a-z][a-zA-Z0-9]*)$/;

/** The value a route's schema validates to (unknown when the route has none). */
type Parsed<T extends TSchema | undefined> = T extends TSchema ? Static<T> : unknown;

/**
 * A route as its author writes it. The path is relative to the plugin's prefix,
 * `/api/v1/plugins/<id>`; `body`, `query` and `params` are TypeBox schemas the request is
 * validated against (a 400 names each field that does not fit). The handler returns the JSON
 * body of the response (`undefined`: 204).
 */
export interface RouteInput<B extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, P extends TSchema | undefined = undefined> {
  method: RouteMethod;
  /** `/`, `/quotes`, `/quotes/:id/send`. */
  path: string;
  description?: string;
  /** Only administrators may call it (default: any signed-in user). */
  admin?: boolean;
  /** The status of a successful response (default 200; 204 when the handler returns nothing). */
  status?: number;
  body?: B;
  query?: Q;
  params?: P;
  handler(request: RouteRequest<Parsed<B>, Parsed<Q>, Parsed<P>>, ctx: PluginContext): unknown;
}

/** A validated, frozen route. */
export interface RouteDefinition {
  readonly method: RouteMethod;
  readonly path: string;
  readonly description?: string;
  readonly admin: boolean;
  readonly status: number;
  readonly body?: TSchema;
  readonly query?: TSchema;
  readonly params?: TSchema;
  // A method, so a route typed by its schemas fits a list of routes (parameters are bivariant).
  handler(request: RouteRequest, ctx: PluginContext): unknown;
}

/** Declares one plugin route: checked now, frozen; the request parts are typed by the schemas. */
export function defineRoute<B extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, P extends TSchema | undefined = undefined>(input: RouteInput<B, Q, P>): RouteDefinition {
  const problems: DefinitionProblem[] = [];
  const route = normaliseRoute(input as unknown as RouteDefinition, 'route', problems);
  if (problems.length > 0) throw new DefinitionError(`route ${String(input?.method)} ${String(input?.path)}`, problems);
  return route;
}

/** Normalises one route; `problems` collects what is wrong with it (each with its path). */
export function normaliseRoute(input: RouteDefinition, at: string, problems: DefinitionProblem[]): RouteDefinition {
  if (typeof input !== 'object' || input === null) {
    problems.push({ path: at, message: 'a route is an object: { method, path, handler }' });
    return input;
  }
  if (!(ROUTE_METHODS as readonly string[]).includes(input.method)) {
    problems.push({ path: `${at}.method`, message: `"${String(input.method)}" is not a route method; use one of ${ROUTE_METHODS.join(', ')}` });
  }
  const pathProblem = routePathProblem(input.path);
  if (pathProblem) problems.push({ path: `${at}.path`, message: pathProblem });
  if (typeof input.handler !== 'function') problems.push({ path: `${at}.handler`, message: 'a route needs a handler function' });
  const status = input.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 299) problems.push({ path: `${at}.status`, message: `status ${String(input.status)} is not a success status (200–299)` });
  for (const part of ['body', 'query', 'params'] as const) {
    const schema = input[part];
    if (schema !== undefined && !KindGuard.IsSchema(schema)) problems.push({ path: `${at}.${part}`, message: `${part} must be a TypeBox schema (Type.Object({ … }) from @kith/sdk)` });
  }
  if (input.body !== undefined && (input.method === 'GET' || input.method === 'DELETE')) {
    problems.push({ path: `${at}.body`, message: `a ${input.method} route has no body; use query instead` });
  }
  if (input.admin !== undefined && typeof input.admin !== 'boolean') problems.push({ path: `${at}.admin`, message: 'admin is true or false' });
  return deepFreeze({ ...input, admin: input.admin === true, status });
}

/** Why `path` cannot be a plugin route's path, or undefined when it can. */
function routePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return `"${String(path)}" is not a route path: start it with "/" (it is relative to /api/v1/plugins/<id>)`;
  if (path === '/') return undefined;
  const segments = path.replace(/\/$/, '').slice(1).split('/');
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `"${path}" has an invalid segment "${bad}": use letters, digits, ".", "_", "~", "-", or ":name" for a parameter`;
  if ((RESERVED_ROUTE_SEGMENTS as readonly string[]).includes(segments[0]!)) return `"${path}" is reserved: the core answers /api/v1/plugins/<id>/${segments[0]}`;
  return undefined;
}

/** The routes' key (method and path, parameters by position) that must be unique in a plugin. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${String(route.path).replace(/\/$/, '').replace(/:[^/]+/g, ':')}`;
}
