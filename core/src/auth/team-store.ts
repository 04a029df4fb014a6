import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import { AuthErrors } from './auth-errors.js';

/** A team as the API shows it. */
export interface Team {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly memberIds: readonly number[];
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e.code === '23505' || (typeof e.message === 'string' && /UNIQUE constraint failed/.test(e.message));
}

/** Teams in `kith_team`; memberships are in `kith_team_member` (see accessStore). */
export const teamStore = {
  async list(db: SqlExecutor): Promise<Team[]> {
    const teams = await db.all('SELECT "id", "name", "created_at" FROM "kith_team" ORDER BY "name", "id"', []);
    const members = await db.all('SELECT "team_id", "user_id" FROM "kith_team_member" ORDER BY "user_id"', []);
    const byTeam = new Map<number, number[]>();
    for (const [teamId, userId] of members) byTeam.set(Number(teamId), [...(byTeam.get(Number(teamId)) ?? []), Number(userId)]);
    return teams.map(([id, name, createdAt]) => ({ id: Number(id), name: String(name), createdAt: new Date(String(createdAt)).toISOString(), memberIds: byTeam.get(Number(id)) ?? [] }));
  },

  async byId(db: SqlExecutor, id: number): Promise<Team | undefined> {
    const p = new Params(db.dialect);
    const row = (await db.all(`SELECT "id", "name", "created_at" FROM "kith_team" WHERE "id" = ${p.add(id)}`, p.values))[0];
    if (!row) return undefined;
    const m = new Params(db.dialect);
    const members = await db.all(`SELECT "user_id" FROM "kith_team_member" WHERE "team_id" = ${m.add(id)} ORDER BY "user_id"`, m.values);
    return { id: Number(row[0]), name: String(row[1]), createdAt: new Date(String(row[2])).toISOString(), memberIds: members.map((r) => Number(r[0])) };
  },

  /** The teams of one user, with names (for GET /auth/me). */
  async ofUser(db: SqlExecutor, userId: number): Promise<{ id: number; name: string }[]> {
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT t."id", t."name" FROM "kith_team" t JOIN "kith_team_member" m ON m."team_id" = t."id" WHERE m."user_id" = ${p.add(userId)} ORDER BY t."name"`, p.values);
    return rows.map(([id, name]) => ({ id: Number(id), name: String(name) }));
  },

  /** Creates a team; a taken name is a 409. */
  async create(tx: SqlExecutor, name: string): Promise<number> {
    const p = new Params(tx.dialect);
    try {
      const rows = await tx.all(`INSERT INTO "kith_team" ("name", "created_at") VALUES (${p.add(name)}, ${p.add(new Date().toISOString())}) RETURNING "id"`, p.values);
      return Number(rows[0]![0]);
    } catch (error) {
      if (isUniqueViolation(error)) throw AuthErrors.teamExists(name);
      throw error;
    }
  },

  /** Renames a team; false when there is no such team, a taken name is a 409. */
  async rename(tx: SqlExecutor, id: number, name: string): Promise<boolean> {
    const p = new Params(tx.dialect);
    try {
      return (await tx.run(`UPDATE "kith_team" SET "name" = ${p.add(name)} WHERE "id" = ${p.add(id)}`, p.values)) > 0;
    } catch (error) {
      if (isUniqueViolation(error)) throw AuthErrors.teamExists(name);
      throw error;
    }
  },
};
