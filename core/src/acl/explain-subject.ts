import { accessStore } from '../auth/access-store.js';
import { teamStore } from '../auth/team-store.js';
import { userStore, type UserWithHash } from '../auth/user-store.js';
import type { Actor } from '../data/actor.js';
import type { SqlExecutor } from '../data/database.js';
import { KithError } from '../errors/index.js';
import type { ExplainedUser } from './explain.js';

/** Named factories for the errors of explaining access; codes are stable API. */
export const ExplainErrors = {
  userNotFound: (ref: string) =>
    new KithError({ code: 'KITH_USER_NOT_FOUND', status: 404, field: 'user', message: `There is no user with id or email "${ref}". GET /api/v1/users lists them.` }),
} as const;

/** A user found by id (digits) or email, or undefined. */
export async function findUser(db: SqlExecutor, ref: string): Promise<UserWithHash | undefined> {
  if (/^[1-9][0-9]{0,15}$/.test(ref)) return userStore.byId(db, Number(ref));
  return ref.includes('@') ? userStore.byEmail(db, ref) : undefined;
}

/**
 * The user as explained and the actor the queries would use for them: the same role names and
 * team mates a token of theirs resolves to (accessStore.load), not narrowed to a token's role.
 */
export async function subjectOf(db: SqlExecutor, user: UserWithHash): Promise<{ user: ExplainedUser; actor: Actor }> {
  const access = await accessStore.load(db, user.id);
  const teams = await teamStore.ofUser(db, user.id);
  const actor: Actor = { userId: user.id, channel: 'api', isAdmin: user.isAdmin, roles: [...access.roles], teamUserIds: [...access.teamUserIds] };
  return { user: { id: user.id, email: user.email, isAdmin: user.isAdmin, active: user.active, roles: access.roles, teams }, actor };
}
