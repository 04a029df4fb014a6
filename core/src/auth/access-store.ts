import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** What a user's permissions are computed from: role names and the users sharing a team with them. */
export interface UserAccess {
  readonly roles: readonly string[];
  /** Every user sharing at least one team with the user, the user included; ascending. */
  readonly teamUserIds: readonly number[];
}

/** Groups `[key, value]` rows by key. */
function groupBy<V>(rows: readonly unknown[][], value: (v: unknown) => V): Map<number, V[]> {
  const out = new Map<number, V[]>();
  for (const [key, v] of rows) {
    const k = Number(key);
    const list = out.get(k) ?? [];
    list.push(value(v));
    out.set(k, list);
  }
  return out;
}

/**
 * Role assignments (`kith_user_role`) and team memberships (`kith_team_member`) of users.
 * Role *definitions* are metadata; here only the names a user holds are stored.
 */
export const accessStore = {
  /** A user's roles and team mates, in one query (run when a token is resolved, then cached with it). */
  async load(db: SqlExecutor, userId: number): Promise<UserAccess> {
    const p = new Params(db.dialect);
    const rows = await db.all(
      `SELECT r."role", CAST(NULL AS integer) FROM "kith_user_role" r WHERE r."user_id" = ${p.add(userId)}` +
        ` UNION ALL SELECT CAST(NULL AS varchar(100)), m2."user_id" FROM "kith_team_member" m1 JOIN "kith_team_member" m2 ON m2."team_id" = m1."team_id" WHERE m1."user_id" = ${p.add(userId)}`,
      p.values,
    );
    const roles: string[] = [];
    const mates = new Set<number>([userId]);
    for (const [role, mate] of rows) {
      if (role !== null && role !== undefined) roles.push(String(role));
      else if (mate !== null && mate !== undefined) mates.add(Number(mate));
    }
    return { roles: roles.sort(), teamUserIds: [...mates].sort((a, b) => a - b) };
  },

  /** Role names per user, for every user (user lists). */
  async allRoles(db: SqlExecutor): Promise<Map<number, string[]>> {
    return groupBy(await db.all('SELECT "user_id", "role" FROM "kith_user_role" ORDER BY "user_id", "role"', []), String);
  },

  /** Team ids per user, for every user (user lists). */
  async allTeams(db: SqlExecutor): Promise<Map<number, number[]>> {
    return groupBy(await db.all('SELECT "user_id", "team_id" FROM "kith_team_member" ORDER BY "user_id", "team_id"', []), Number);
  },

  async rolesOf(db: SqlExecutor, userId: number): Promise<string[]> {
    const p = new Params(db.dialect);
    return (await db.all(`SELECT "role" FROM "kith_user_role" WHERE "user_id" = ${p.add(userId)} ORDER BY "role"`, p.values)).map((r) => String(r[0]));
  },

  async teamsOf(db: SqlExecutor, userId: number): Promise<number[]> {
    const p = new Params(db.dialect);
    return (await db.all(`SELECT "team_id" FROM "kith_team_member" WHERE "user_id" = ${p.add(userId)} ORDER BY "team_id"`, p.values)).map((r) => Number(r[0]));
  },

  /** Replaces a user's roles. */
  async setRoles(tx: SqlExecutor, userId: number, roles: readonly string[]): Promise<void> {
    const del = new Params(tx.dialect);
    await tx.run(`DELETE FROM "kith_user_role" WHERE "user_id" = ${del.add(userId)}`, del.values);
    for (const role of roles) {
      const p = new Params(tx.dialect);
      await tx.run(`INSERT INTO "kith_user_role" ("user_id", "role") VALUES (${p.add(userId)}, ${p.add(role)})`, p.values);
    }
  },

  /** Replaces the teams a user belongs to. */
  async setTeams(tx: SqlExecutor, userId: number, teamIds: readonly number[]): Promise<void> {
    const del = new Params(tx.dialect);
    await tx.run(`DELETE FROM "kith_team_member" WHERE "user_id" = ${del.add(userId)}`, del.values);
    for (const teamId of teamIds) {
      const p = new Params(tx.dialect);
      await tx.run(`INSERT INTO "kith_team_member" ("team_id", "user_id") VALUES (${p.add(teamId)}, ${p.add(userId)})`, p.values);
    }
  },

  /** Replaces the members of a team. */
  async setMembers(tx: SqlExecutor, teamId: number, userIds: readonly number[]): Promise<void> {
    const del = new Params(tx.dialect);
    await tx.run(`DELETE FROM "kith_team_member" WHERE "team_id" = ${del.add(teamId)}`, del.values);
    for (const userId of userIds) {
      const p = new Params(tx.dialect);
      await tx.run(`INSERT INTO "kith_team_member" ("team_id", "user_id") VALUES (${p.add(teamId)}, ${p.add(userId)})`, p.values);
    }
  },

  /** The ids among `ids` that do not exist in `table` (`kith_user` or `kith_team`). */
  async missing(db: SqlExecutor, table: 'kith_user' | 'kith_team', ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const p = new Params(db.dialect);
    const found = await db.all(`SELECT "id" FROM "${table}" WHERE "id" IN (${ids.map((id) => p.add(id)).join(', ')})`, p.values);
    const existing = new Set(found.map((r) => Number(r[0])));
    return ids.filter((id) => !existing.has(id));
  },
};
