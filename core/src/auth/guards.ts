import type { FastifyRequest } from 'fastify';
import type { Actor } from '../data/actor.js';
import { Errors } from '../errors/index.js';
import { actorOf } from '../http/request-context.js';

/** The actor of a request that must come from a signed-in user (not the system): else 401. */
export function requireUser(request: FastifyRequest): Actor & { readonly userId: number } {
  const actor = actorOf(request);
  if (actor.userId === null) throw Errors.unauthenticated();
  return actor as Actor & { readonly userId: number };
}

/** The actor of a request only administrators may make: else 403 (401 when anonymous). */
export function requireAdmin(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (actor.isAdmin !== true) throw Errors.forbidden('manage users and teams (administrators only)');
  return actor;
}
