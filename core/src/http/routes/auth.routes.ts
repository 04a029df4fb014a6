import type { FastifyInstance } from 'fastify';
import { accessStore } from '../../auth/access-store.js';
import { AuthErrors } from '../../auth/auth-errors.js';
import { requireUser } from '../../auth/guards.js';
import { bodyObject, requiredString, roleName } from '../../auth/input.js';
import { EmailLockout, loginAddressLimit, passwordChangeLimit } from '../../auth/login-limits.js';
import { DUMMY_HASH, passwordProblem, verifyPassword } from '../../auth/password.js';
import { clearSessionCookies, csrfTokenFor, setSessionCookies } from '../../auth/session-cookies.js';
import { teamStore } from '../../auth/team-store.js';
import type { TokenCache } from '../../auth/token-cache.js';
import { tokenStore } from '../../auth/token-store.js';
import { userStore } from '../../auth/user-store.js';
import type { Database } from '../../data/database.js';
import { Errors, KithError } from '../../errors/index.js';
import { actorOf } from '../request-context.js';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_TOKEN_DAYS = 366;

/**
 * Sign-in (a session as a bearer token and as cookies), sign-out, password change, the
 * current user, and API tokens. Needs registerAuthPlugins (cookies, rate limits) first.
 */
export function authRoutes(server: FastifyInstance, db: Database, cache: TokenCache, secret: string): void {
  const lockout = new EmailLockout(server);

  server.post('/api/v1/auth/login', { config: { rateLimit: loginAddressLimit() } }, async (request, reply) => {
    const body = bodyObject(request.body, ['email', 'password']);
    const email = requiredString(body, 'email', 254);
    const password = requiredString(body, 'password', 200);
    const user = await lockout.attempt(request, reply, async () => {
      const found = await userStore.byEmail(db.reader, email);
      // Verify against a dummy hash when the user is unknown: same work, same answer, no enumeration.
      const ok = await verifyPassword(found?.passwordHash ?? DUMMY_HASH, password);
      return found && found.active && found.passwordHash && ok ? found : undefined;
    });
    if (!user) throw Errors.invalidCredentials();
    const { token, info } = await db.transaction((tx) => tokenStore.issue(tx, user.id, 'session', 'sign-in', SESSION_TTL_MS));
    const csrfToken = csrfTokenFor(secret, token);
    setSessionCookies(reply, token, csrfToken, info.expiresAt);
    return { token, csrfToken, expiresAt: info.expiresAt, user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } };
  });

  server.post('/api/v1/auth/logout', async (request, reply) => {
    const actor = actorOf(request);
    if (actor.tokenId !== undefined && actor.userId !== null) {
      await db.transaction((tx) => tokenStore.revoke(tx, actor.userId!, actor.tokenId!));
      cache.forgetToken(actor.tokenId);
    }
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  server.get('/api/v1/auth/me', async (request) => {
    const actor = requireUser(request);
    const user = await userStore.byId(db.reader, actor.userId);
    if (!user) throw Errors.unauthenticated();
    const { passwordHash: _hidden, ...shown } = user;
    // Roles as this request acts (a narrower token shows its one role); admin likewise.
    const roles = actor.roles ?? (await accessStore.rolesOf(db.reader, user.id));
    return { ...shown, isAdmin: actor.isAdmin === true, roles, teams: await teamStore.ofUser(db.reader, user.id) };
  });

  server.post('/api/v1/auth/password', { config: { rateLimit: passwordChangeLimit() } }, async (request) => {
    const actor = requireUser(request);
    const body = bodyObject(request.body, ['currentPassword', 'newPassword']);
    const current = requiredString(body, 'currentPassword', 200);
    const problem = passwordProblem(body.newPassword);
    if (problem) throw AuthErrors.invalidInput('newPassword', problem);
    const next = body.newPassword as string;
    const user = await userStore.byId(db.reader, actor.userId);
    if (!user) throw Errors.unauthenticated();
    if (!(await verifyPassword(user.passwordHash ?? DUMMY_HASH, current)) || !user.passwordHash) throw AuthErrors.wrongPassword();
    // Every other session ends; this one (if it is a session) and API tokens stay.
    const signedOut = await db.transaction(async (tx) => {
      await userStore.setPassword(tx, user.id, next);
      return tokenStore.revokeAll(tx, user.id, { kind: 'session', ...(actor.tokenId !== undefined ? { keep: actor.tokenId } : {}) });
    });
    cache.forgetUser(user.id);
    return { changed: true, signedOutSessions: signedOut };
  });

  server.get('/api/v1/auth/tokens', async (request) => {
    const actor = requireUser(request);
    return { data: await tokenStore.list(db.reader, actor.userId) };
  });

  server.post('/api/v1/auth/tokens', async (request, reply) => {
    const actor = requireUser(request);
    const body = bodyObject(request.body, ['name', 'expiresInDays', 'role']);
    const name = requiredString(body, 'name', 200);
    const days = body.expiresInDays ?? 90;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
      throw new KithError({ code: 'KITH_BODY_INVALID', status: 400, field: 'expiresInDays', message: `expiresInDays is a whole number from 1 to ${MAX_TOKEN_DAYS}.` });
    }
    const role = body.role === undefined || body.role === null ? null : roleName(body.role, 'role');
    // A token never acts with more than the request that makes it: a narrowed token makes only tokens of its role.
    const held = await accessStore.rolesOf(db.reader, actor.userId);
    const current = actor.tokenId === undefined ? undefined : (await tokenStore.roleOf(db.reader, actor.tokenId)) ?? undefined;
    if (role !== null && (!held.includes(role) || (current !== undefined && current !== role))) throw AuthErrors.roleNotHeld(role);
    if (role === null && current !== undefined) throw AuthErrors.invalidInput('role', `This request acts with the role "${current}" only, so the new token must too: send "role": "${current}".`);
    const { token, info } = await db.transaction((tx) => tokenStore.issue(tx, actor.userId, 'api', name, days * 86_400_000, role));
    return reply.status(201).send({ ...info, token, note: 'Store this token now: it is not shown again.' });
  });

  server.delete<{ Params: { id: string } }>('/api/v1/auth/tokens/:id', async (request, reply) => {
    const actor = requireUser(request);
    const id = Number(request.params.id);
    const revoked = Number.isSafeInteger(id) && (await db.transaction((tx) => tokenStore.revoke(tx, actor.userId, id)));
    if (!revoked) throw new KithError({ code: 'KITH_TOKEN_NOT_FOUND', status: 404, message: `You have no live token with id ${request.params.id}.` });
    cache.forgetToken(id);
    return reply.status(204).send();
  });
}
