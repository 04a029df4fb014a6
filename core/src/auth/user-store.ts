import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';
import { KithError } from '../errors/index.js';
import { hashPassword, passwordProblem } from './password.js';

/** A user as the API shows it (never the hash). */
export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly isAdmin: boolean;
  readonly active: boolean;
}

/** A user with the stored password hash, for sign-in only. */
export interface UserWithHash extends User {
  readonly passwordHash: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLUMNS = '"id", "email", "name", "is_admin", "active", "password_hash"';

function toUser(row: readonly unknown[]): UserWithHash {
  const [id, email, name, isAdmin, active, passwordHash] = row;
  return { id: Number(id), email: String(email), name: String(name), isAdmin: isAdmin === true || isAdmin === 1, active: active === true || active === 1, passwordHash: passwordHash === null ? null : String(passwordHash) };
}

function withoutHash(user: UserWithHash): User {
  const { passwordHash: _hidden, ...shown } = user;
  return shown;
}

/** What an administrator may change on a user (roles and teams are in accessStore). */
export interface UserChanges {
  readonly name?: string;
  readonly active?: boolean;
  readonly isAdmin?: boolean;
}

/** What creating a user takes. */
export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly isAdmin?: boolean;
}

/** Users in `kith_user`. */
export const userStore = {
  async byEmail(db: SqlExecutor, email: string): Promise<UserWithHash | undefined> {
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_user" WHERE "email" = ${p.add(email.trim().toLowerCase())}`, p.values);
    return rows[0] ? toUser(rows[0]) : undefined;
  },

  async byId(db: SqlExecutor, id: number): Promise<UserWithHash | undefined> {
    const p = new Params(db.dialect);
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_user" WHERE "id" = ${p.add(id)}`, p.values);
    return rows[0] ? toUser(rows[0]) : undefined;
  },

  async count(db: SqlExecutor): Promise<number> {
    const rows = await db.all('SELECT COUNT(*) FROM "kith_user"', []);
    return Number(rows[0]?.[0] ?? 0);
  },

  /** Every user, by id (never the hashes). */
  async list(db: SqlExecutor): Promise<User[]> {
    const rows = await db.all(`SELECT ${COLUMNS} FROM "kith_user" ORDER BY "id"`, []);
    return rows.map((row) => withoutHash(toUser(row)));
  },

  /** Active administrators other than `exceptId` (so the last one is never locked out). */
  async countOtherActiveAdmins(db: SqlExecutor, exceptId: number): Promise<number> {
    const p = new Params(db.dialect);
    const yes = db.dialect === 'postgresql' ? true : 1;
    const rows = await db.all(`SELECT COUNT(*) FROM "kith_user" WHERE "is_admin" = ${p.add(yes)} AND "active" = ${p.add(yes)} AND "id" <> ${p.add(exceptId)}`, p.values);
    return Number(rows[0]?.[0] ?? 0);
  },

  /** Changes a user's name, active flag or admin flag; false when there is no such user. */
  async update(tx: SqlExecutor, id: number, changes: UserChanges): Promise<boolean> {
    const p = new Params(tx.dialect);
    const bool = (v: boolean) => (tx.dialect === 'postgresql' ? v : v ? 1 : 0);
    const sets: string[] = [];
    if (changes.name !== undefined) sets.push(`"name" = ${p.add(changes.name.trim())}`);
    if (changes.active !== undefined) sets.push(`"active" = ${p.add(bool(changes.active))}`);
    if (changes.isAdmin !== undefined) sets.push(`"is_admin" = ${p.add(bool(changes.isAdmin))}`);
    if (sets.length === 0) return (await userStore.byId(tx, id)) !== undefined;
    return (await tx.run(`UPDATE "kith_user" SET ${sets.join(', ')} WHERE "id" = ${p.add(id)}`, p.values)) > 0;
  },

  /** Stores a new argon2id hash (the caller has checked the password with passwordProblem). */
  async setPassword(tx: SqlExecutor, id: number, password: string): Promise<void> {
    const p = new Params(tx.dialect);
    await tx.run(`UPDATE "kith_user" SET "password_hash" = ${p.add(await hashPassword(password))} WHERE "id" = ${p.add(id)}`, p.values);
  },

  /** Creates a user with an argon2id-hashed password; a taken email is a 409. */
  async create(tx: SqlExecutor, user: NewUser): Promise<User> {
    const email = user.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new KithError({ code: 'KITH_USER_INVALID', status: 400, field: 'email', message: `"${user.email}" is not an email address.` });
    const problem = passwordProblem(user.password);
    if (problem) throw new KithError({ code: 'KITH_USER_INVALID', status: 400, field: 'password', message: problem });
    if (!user.name.trim()) throw new KithError({ code: 'KITH_USER_INVALID', status: 400, field: 'name', message: 'A user needs a name.' });
    if (await userStore.byEmail(tx, email)) throw new KithError({ code: 'KITH_USER_EXISTS', status: 409, field: 'email', message: `A user with the email ${email} already exists.` });
    const p = new Params(tx.dialect);
    const bool = (v: boolean) => (tx.dialect === 'postgresql' ? v : v ? 1 : 0);
    const rows = await tx.all(
      `INSERT INTO "kith_user" ("email", "name", "password_hash", "is_admin", "active", "created_at") VALUES (${p.add(email)}, ${p.add(user.name.trim())}, ${p.add(await hashPassword(user.password))}, ${p.add(bool(user.isAdmin === true))}, ${p.add(bool(true))}, ${p.add(new Date().toISOString())}) RETURNING ${COLUMNS}`,
      p.values,
    );
    return withoutHash(toUser(rows[0]!));
  },
};
