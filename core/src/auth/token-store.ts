import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../data/database.js';
import { Params } from '../data/sql.js';

/** Sessions come from sign-in; API tokens are made for scripts. */
export type TokenKind = 'session' | 'api';

/** A token's metadata (the secret itself is only ever shown once, at creation). */
export interface TokenInfo {
  readonly id: number;
  readonly userId: number;
  readonly kind: TokenKind;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  /** The one role an API token acts with, narrower than its user's; null: all of the user's roles. */
  readonly role: string | null;
}

/** A live token as the authenticator needs it. */
export interface ResolvedToken {
  readonly tokenId: number;
  readonly userId: number;
  readonly kind: TokenKind;
  readonly isAdmin: boolean;
  readonly role: string | null;
}

/** The SHA-256 of a token: tokens are random (256 bits), so a fast hash is safe and lookups stay O(1). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Tokens in `kith_token`, stored only as hashes. */
export const tokenStore = {
  /** Issues a token; returns the secret (shown once) and its metadata. A negative `ttlMs` makes an expired token (tests). */
  async issue(tx: SqlExecutor, userId: number, kind: TokenKind, name: string, ttlMs: number | null, role: string | null = null): Promise<{ token: string; info: TokenInfo }> {
    const token = `kith_${kind === 'api' ? 'pat' : 'ses'}_${randomBytes(32).toString('base64url')}`;
    const createdAt = new Date().toISOString();
    const expiresAt = ttlMs === null ? null : new Date(Date.now() + ttlMs).toISOString();
    const p = new Params(tx.dialect);
    const rows = await tx.all(
      `INSERT INTO "kith_token" ("user_id", "kind", "name", "token_hash", "created_at", "expires_at", "role") VALUES (${p.add(userId)}, ${p.add(kind)}, ${p.add(name)}, ${p.add(tokenHash(token))}, ${p.add(createdAt)}, ${p.add(expiresAt)}, ${p.add(role)}) RETURNING "id"`,
      p.values,
    );
    return { token, info: { id: Number(rows[0]![0]), userId, kind, name, createdAt, expiresAt, role } };
  },

  /** The live token for a secret: not revoked, not expired, its user active. */
  async resolve(db: SqlExecutor, token: string, now = new Date().toISOString()): Promise<ResolvedToken | undefined> {
    const p = new Params(db.dialect);
    const rows = await db.all(
      `SELECT t."id", t."user_id", t."kind", u."is_admin", t."role" FROM "kith_token" t JOIN "kith_user" u ON u."id" = t."user_id"` +
        ` WHERE t."token_hash" = ${p.add(tokenHash(token))} AND t."revoked_at" IS NULL AND (t."expires_at" IS NULL OR t."expires_at" > ${p.add(now)}) AND u."active" = ${p.add(db.dialect === 'postgresql' ? true : 1)}`,
      p.values,
    );
    const row = rows[0];
    if (!row) return undefined;
    return { tokenId: Number(row[0]), userId: Number(row[1]), kind: row[2] as TokenKind, isAdmin: row[3] === true || row[3] === 1, role: nullable(row[4]) };
  },

  async list(db: SqlExecutor, userId: number): Promise<TokenInfo[]> {
    const p = new Params(db.dialect);
    const rows = await db.all(
      `SELECT "id", "user_id", "kind", "name", "created_at", "expires_at", "role" FROM "kith_token" WHERE "user_id" = ${p.add(userId)} AND "kind" = 'api' AND "revoked_at" IS NULL ORDER BY "id"`,
      p.values,
    );
    return rows.map(([id, uid, kind, name, createdAt, expiresAt, role]) => ({ id: Number(id), userId: Number(uid), kind: kind as TokenKind, name: String(name), createdAt: String(createdAt), expiresAt: nullable(expiresAt), role: nullable(role) }));
  },

  /** The role a token is narrowed to: null for none, undefined for no such token. */
  async roleOf(db: SqlExecutor, tokenId: number): Promise<string | null | undefined> {
    const p = new Params(db.dialect);
    const row = (await db.all(`SELECT "role" FROM "kith_token" WHERE "id" = ${p.add(tokenId)}`, p.values))[0];
    return row ? nullable(row[0]) : undefined;
  },

  /** Revokes a token of `userId`; false when there is no such live token. */
  async revoke(tx: SqlExecutor, userId: number, tokenId: number): Promise<boolean> {
    const p = new Params(tx.dialect);
    return (await tx.run(`UPDATE "kith_token" SET "revoked_at" = ${p.add(new Date().toISOString())} WHERE "id" = ${p.add(tokenId)} AND "user_id" = ${p.add(userId)} AND "revoked_at" IS NULL`, p.values)) > 0;
  },

  /** Revokes every live token of a user (or only one kind), except `keep`; resolves to how many. */
  async revokeAll(tx: SqlExecutor, userId: number, options: { readonly kind?: TokenKind; readonly keep?: number } = {}): Promise<number> {
    // Placeholders are added in the order they appear: SQLite's `?` are positional.
    const p = new Params(tx.dialect);
    let sql = `UPDATE "kith_token" SET "revoked_at" = ${p.add(new Date().toISOString())} WHERE "user_id" = ${p.add(userId)} AND "revoked_at" IS NULL`;
    if (options.kind !== undefined) sql += ` AND "kind" = ${p.add(options.kind)}`;
    if (options.keep !== undefined) sql += ` AND "id" <> ${p.add(options.keep)}`;
    return tx.run(sql, p.values);
  },
};
