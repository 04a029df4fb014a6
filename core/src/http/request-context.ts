import type { FastifyRequest } from 'fastify';
import type { Actor } from '../data/actor.js';
import { Errors } from '../errors/index.js';

/** Resolves who is calling, or throws 401. Installed by the app (auth comes from its own module). */
export type Authenticator = (request: FastifyRequest) => Promise<Actor | null>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The authenticated actor of a request (set by the auth hook). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw Errors.unauthenticated();
  return request.actor;
}
