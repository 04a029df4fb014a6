import type { Actor } from '../data/actor.js';
import type { Database } from '../data/database.js';
import { accessStore } from './access-store.js';
import type { TokenCache } from './token-cache.js';
import { tokenStore } from './token-store.js';

/**
 * The actor of a live token (session or API token), or undefined when it is unknown, revoked
 * or expired, or its user is inactive. Two queries (the token, then roles and team mates),
 * cached with the token for a moment (see TokenCache).
 *
 * A token narrowed to one role acts with that role only, and only while its user still has
 * it; it never acts as an administrator, since administrators bypass every role.
 */
export async function actorForToken(db: Database, cache: TokenCache, token: string): Promise<Actor | undefined> {
  const cached = cache.get(token);
  if (cached) return cached;
  const found = await tokenStore.resolve(db.reader, token);
  if (!found) return undefined;
  const access = await accessStore.load(db.reader, found.userId);
  const narrowed = found.role !== null;
  const roles = narrowed ? access.roles.filter((r) => r === found.role) : access.roles;
  const actor: Actor = Object.freeze({
    userId: found.userId,
    channel: 'api' as const,
    isAdmin: found.isAdmin && !narrowed,
    tokenId: found.tokenId,
    roles: Object.freeze([...roles]),
    teamUserIds: Object.freeze([...access.teamUserIds]),
  });
  cache.set(token, actor);
  return actor;
}
