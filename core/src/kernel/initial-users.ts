import { teamStore } from '../auth/team-store.js';
import { userAdmin } from '../auth/user-admin.js';
import { userStore } from '../auth/user-store.js';
import type { Database } from '../data/database.js';

/** A user to create on a first start (the first administrator, demo users). */
export interface InitialUser {
  readonly email: string;
  readonly password: string;
  readonly name?: string;
  readonly isAdmin?: boolean;
  readonly roles?: readonly string[];
  /** Team names; teams are created when missing. */
  readonly teams?: readonly string[];
}

/**
 * Creates `users` in one transaction when the database has no user yet — an unattended
 * install's first administrator (KITH_ADMIN_*), or the demo's people — and never again.
 */
export async function createInitialUsers(db: Database, users: readonly InitialUser[]): Promise<number> {
  if (users.length === 0 || (await userStore.count(db.reader)) > 0) return 0;
  return db.transaction(async (tx) => {
    const teams = new Map((await teamStore.list(tx)).map((t) => [t.name, t.id]));
    for (const user of users) {
      const teamIds: number[] = [];
      for (const name of user.teams ?? []) {
        if (!teams.has(name)) teams.set(name, await teamStore.create(tx, name));
        teamIds.push(teams.get(name)!);
      }
      await userAdmin.create(tx, { email: user.email, name: user.name ?? user.email, password: user.password, isAdmin: user.isAdmin ?? false, roles: user.roles ?? [], teams: teamIds });
    }
    return users.length;
  });
}
