import type { SqlExecutor } from '../data/database.js';
import { accessStore } from './access-store.js';
import { AuthErrors } from './auth-errors.js';
import { tokenStore } from './token-store.js';
import { type User, type UserChanges, userStore } from './user-store.js';

/** A user as administrators see it: never the hash; with role names and team ids. */
export interface UserView extends User {
  readonly roles: readonly string[];
  readonly teams: readonly number[];
}

/** A new user with roles and teams. */
export interface NewUserInput {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly isAdmin?: boolean;
  readonly roles?: readonly string[];
  readonly teams?: readonly number[];
}

/** Changes to a user: its own fields, and the full desired lists of roles and teams. */
export interface UserPatch extends UserChanges {
  readonly roles?: readonly string[];
  readonly teams?: readonly number[];
}

async function checkTeams(tx: SqlExecutor, teams: readonly number[] | undefined): Promise<void> {
  const missing = await accessStore.missing(tx, 'kith_team', teams ?? []);
  if (missing.length > 0) throw AuthErrors.unknownIds('teams', 'team', missing);
}

/** Managing users: each call runs inside the caller's transaction, so a failure changes nothing. */
export const userAdmin = {
  async list(db: SqlExecutor): Promise<UserView[]> {
    const users = await userStore.list(db);
    const roles = await accessStore.allRoles(db);
    const teams = await accessStore.allTeams(db);
    return users.map((u) => ({ ...u, roles: roles.get(u.id) ?? [], teams: teams.get(u.id) ?? [] }));
  },

  async view(db: SqlExecutor, id: number): Promise<UserView> {
    const user = await userStore.byId(db, id);
    if (!user) throw AuthErrors.userNotFound(id);
    const { passwordHash: _hidden, ...shown } = user;
    return { ...shown, roles: await accessStore.rolesOf(db, id), teams: await accessStore.teamsOf(db, id) };
  },

  /** Creates a user with its roles and teams; resolves to its id. */
  async create(tx: SqlExecutor, input: NewUserInput): Promise<number> {
    await checkTeams(tx, input.teams);
    const user = await userStore.create(tx, { email: input.email, name: input.name, password: input.password, isAdmin: input.isAdmin === true });
    await accessStore.setRoles(tx, user.id, input.roles ?? []);
    await accessStore.setTeams(tx, user.id, input.teams ?? []);
    return user.id;
  },

  /**
   * Changes a user. Deactivating revokes every token of the user (the caller also forgets
   * them in the token cache). The last active administrator can be neither demoted nor deactivated.
   */
  async update(tx: SqlExecutor, id: number, patch: UserPatch): Promise<void> {
    const user = await userStore.byId(tx, id);
    if (!user) throw AuthErrors.userNotFound(id);
    const losesAdmin = user.isAdmin && user.active && (patch.isAdmin === false || patch.active === false);
    if (losesAdmin && (await userStore.countOtherActiveAdmins(tx, id)) === 0) throw AuthErrors.lastAdmin();
    await checkTeams(tx, patch.teams);
    await userStore.update(tx, id, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}), ...(patch.isAdmin !== undefined ? { isAdmin: patch.isAdmin } : {}) });
    if (patch.roles !== undefined) await accessStore.setRoles(tx, id, patch.roles);
    if (patch.teams !== undefined) await accessStore.setTeams(tx, id, patch.teams);
    if (patch.active === false) await tokenStore.revokeAll(tx, id);
  },
};
