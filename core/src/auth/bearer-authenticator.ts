import type { FastifyRequest } from 'fastify';
import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import { Errors } from '../errors/index.js';
import type { Authenticator } from '../http/request-context.js';
import { actorForToken } from './token-actor.js';
import type { TokenCache } from './token-cache.js';

const BEARER = /^Bearer\s+(kith_(?:ses|pat)_[A-Za-z0-9_-]{43})$/;

/**
 * The actor of `Authorization: Bearer <token>` (a session from sign-in or an API token);
 * undefined without the header, 401 for a malformed, unknown, revoked or expired token.
 */
export async function bearerActor(request: FastifyRequest, db: Database, cache: TokenCache): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = BEARER.exec(header.trim());
  if (!match) throw Errors.invalidToken();
  const actor = await actorForToken(db, cache, match[1]!);
  if (!actor) throw Errors.invalidToken();
  return actor;
}

/**
 * Resolves `Authorization: Bearer <token>` only (no cookies). Lookups are cached for a moment
 * (see TokenCache): revoked on this node, refused on the next request; on other nodes within a
 * second. No header: anonymous (routes that need a user say 401).
 */
export function bearerAuthenticator(db: Database, cache: TokenCache): Authenticator {
  return async (request: FastifyRequest): Promise<Actor | null> => (await bearerActor(request, db, cache)) ?? null;
}
