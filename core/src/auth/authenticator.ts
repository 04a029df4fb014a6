import type { FastifyRequest } from 'fastify';
import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import type { Authenticator } from '../http/request-context.js';
import { AuthErrors } from './auth-errors.js';
import { bearerActor } from './bearer-authenticator.js';
import { CSRF_HEADER, csrfMatches, sessionCookieOf } from './session-cookies.js';
import { actorForToken } from './token-actor.js';
import type { TokenCache } from './token-cache.js';

/** What the authenticator needs: the database, the per-node token cache, the shared secret (CSRF tokens). */
export interface AuthenticatorOptions {
  readonly db: Database;
  readonly cache: TokenCache;
  readonly secret: string;
}

const SESSION_TOKEN = /^kith_ses_[A-Za-z0-9_-]{43}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Sign-in ignores the cookie: a stale or forged one must not stop anyone from signing in again.
const SIGN_IN = '/api/v1/auth/login';

/**
 * Resolves the caller: `Authorization: Bearer <token>` first (scripts, API clients: no CSRF
 * needed, a browser cannot be made to send that header), then the `kith_session` cookie
 * (browsers). A cookie-authenticated change (POST, PATCH, PUT, DELETE) must carry
 * `x-csrf-token`, else 403 before anything runs. A malformed, forged, revoked or expired
 * cookie is a 401; neither a token nor a cookie: anonymous (routes that need a user say 401).
 */
export function authenticator({ db, cache, secret }: AuthenticatorOptions): Authenticator {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const bearer = await bearerActor(request, db, cache);
    if (bearer) return bearer;
    const token = sessionCookieOf(request);
    if (token === undefined || request.routeOptions.url === SIGN_IN) return null;
    if (!SESSION_TOKEN.test(token)) throw AuthErrors.invalidSession();
    const actor = await actorForToken(db, cache, token);
    if (!actor) throw AuthErrors.invalidSession();
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(secret, token, request.headers[CSRF_HEADER])) throw AuthErrors.csrfMissing();
    return { ...actor, channel: 'ui' };
  };
}
