import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenStore } from '../../core/src/auth/token-store.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { send, signIn } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

describe.each(databases)('cookie sessions, CSRF and password change on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let anaId: number;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    const ana = await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email: 'ana@example.com', name: 'Ana Quispe', password: PASSWORD } });
    expect(ana.status).toBe(201);
    anaId = ana.body.id;
    const boss = await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email: 'boss@example.com', name: 'Bea Boss', password: PASSWORD, isAdmin: true } });
    expect(boss.status).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const tokenCount = async (userId: number) => Number((await app.db.reader.all(`SELECT COUNT(*) FROM "kith_token" WHERE "user_id" = ${userId} AND "kind" = 'api'`, []))[0]![0]);

  it('sign-in sets an HTTP-only, SameSite session cookie and a readable CSRF cookie; the cookie signs GETs in', async () => {
    const session = await signIn(app.server, 'ana@example.com', PASSWORD);
    const byName = Object.fromEntries(session.reply.cookies.map((c) => [c.name, c]));
    expect(byName.kith_session).toMatchObject({ value: session.reply.body.token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(byName.kith_session!.secure).toBeFalsy();
    expect(byName.kith_csrf).toMatchObject({ value: session.reply.body.csrfToken, sameSite: 'Lax', path: '/' });
    expect(byName.kith_csrf!.httpOnly).toBeFalsy();
    // Cookies end with the session (HTTP dates have whole seconds).
    expect(Math.abs(byName.kith_session!.expires!.getTime() - Date.parse(session.reply.body.expiresAt))).toBeLessThan(1000);
    const me = await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'ana@example.com', roles: [], teams: [] });
  });

  it('marks the cookies Secure behind an HTTPS proxy', async () => {
    const session = await signIn(app.server, 'ana@example.com', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(session.reply.cookies.every((c) => c.secure === true)).toBe(true);
  });

  it('a cookie-authenticated change needs x-csrf-token: without it 403 and nothing changes, with it 201', async () => {
    const session = await signIn(app.server, 'ana@example.com', PASSWORD);
    const before = await tokenCount(anaId);
    const attempts: Record<string, string>[] = [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': 'not-the-token' }, { cookie: session.cookie, 'x-csrf-token': '' }];
    for (const headers of attempts) {
      const refused = await send(app.server, 'POST', '/api/v1/auth/tokens', { headers, body: { name: 'from the browser' } });
      expect(refused.status).toBe(403);
      expect(String(refused.headers['content-type'])).toMatch(/problem\+json/);
      expect(refused.body.code).toBe('KITH_AUTH_CSRF');
      expect(refused.body.detail).toMatch(/x-csrf-token/);
    }
    // Another session's CSRF token does not fit this session.
    const other = await signIn(app.server, 'ana@example.com', PASSWORD);
    expect((await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: { cookie: session.cookie, 'x-csrf-token': other.csrfToken }, body: { name: 'x' } })).status).toBe(403);
    expect(await tokenCount(anaId)).toBe(before);
    const made = await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: { name: 'from the browser' } });
    expect(made.status).toBe(201);
    expect(await tokenCount(anaId)).toBe(before + 1);
  });

  it('records writes through the cookie carry the CSRF check too (an admin session)', async () => {
    const boss = await signIn(app.server, 'boss@example.com', PASSWORD);
    expect((await send(app.server, 'POST', '/api/v1/records/company', { headers: { cookie: boss.cookie }, body: { name: 'Forged SAC' } })).status).toBe(403);
    const created = await send(app.server, 'POST', '/api/v1/records/company', { headers: { cookie: boss.cookie, 'x-csrf-token': boss.csrfToken }, body: { name: 'Real SAC' } });
    expect(created.status).toBe(201);
    const list = await send(app.server, 'GET', '/api/v1/records/company', { headers: { cookie: boss.cookie } });
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual(['Real SAC']);
  });

  it('bearer requests need no CSRF token, and a bearer header wins over a cookie', async () => {
    const session = await signIn(app.server, 'ana@example.com', PASSWORD);
    const made = await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: { authorization: `Bearer ${session.token}` }, body: { name: 'script' } });
    expect(made.status).toBe(201);
    const both = await send(app.server, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${app.adminToken}`, cookie: session.cookie } });
    expect(both.body.email).toBe('admin@test.kith');
  });

  it('a forged or malformed cookie is a 401 problem, not a 500, and does not stop a new sign-in', async () => {
    for (const value of ['garbage', `kith_ses_${'A'.repeat(43)}`, `kith_pat_${'A'.repeat(43)}`, `kith_ses_${'A'.repeat(42)}%`, '%E0%A4%A']) {
      const res = await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: `kith_session=${value}` } });
      expect(res.status).toBe(401);
      expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
      expect(res.body.code).toBe('KITH_AUTH_INVALID_SESSION');
    }
    const signedIn = await send(app.server, 'POST', '/api/v1/auth/login', { headers: { cookie: 'kith_session=garbage' }, body: { email: 'ana@example.com', password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    // An API token in the cookie is refused: cookies carry sessions only.
    const apiToken = (await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: app.adminHeaders, body: { name: 'not a cookie' } })).body.token as string;
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: `kith_session=${apiToken}` } })).status).toBe(401);
  });

  it('sign-out clears both cookies and the session stops working at once', async () => {
    const session = await signIn(app.server, 'ana@example.com', PASSWORD);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200);
    const out = await send(app.server, 'POST', '/api/v1/auth/logout', { headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBe(204);
    const cleared = Object.fromEntries(out.cookies.map((c) => [c.name, c]));
    for (const name of ['kith_session', 'kith_csrf']) {
      expect(cleared[name]!.value).toBe('');
      expect(cleared[name]!.expires!.getTime()).toBeLessThan(Date.now());
    }
    const after = await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: session.cookie } });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('KITH_AUTH_INVALID_SESSION');
  });

  it('changing the password checks the current one, ends every other session and keeps this one', async () => {
    await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email: 'carl@example.com', name: 'Carl', password: PASSWORD } });
    const current = await signIn(app.server, 'carl@example.com', PASSWORD);
    const other = await signIn(app.server, 'carl@example.com', PASSWORD);
    const script = await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: { authorization: `Bearer ${other.token}` }, body: { name: 'nightly' } });
    const as = (s: { cookie: string }) => ({ cookie: s.cookie });
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: as(other) })).status).toBe(200);

    const csrf = { ...as(current), 'x-csrf-token': current.csrfToken };
    const wrong = await send(app.server, 'POST', '/api/v1/auth/password', { headers: csrf, body: { currentPassword: 'not my password', newPassword: 'a brand new secret' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'KITH_AUTH_WRONG_PASSWORD', field: 'currentPassword' });
    const weak = await send(app.server, 'POST', '/api/v1/auth/password', { headers: csrf, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('newPassword');
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: as(other) })).status).toBe(200);

    const changed = await send(app.server, 'POST', '/api/v1/auth/password', { headers: csrf, body: { currentPassword: PASSWORD, newPassword: 'a brand new secret' } });
    expect(changed.status).toBe(200);
    expect(changed.body.signedOutSessions).toBe(1);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: as(other) })).status).toBe(401);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: as(current) })).status).toBe(200);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${script.body.token}` } })).status).toBe(200);
    expect((await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'carl@example.com', password: PASSWORD } })).status).toBe(401);
    expect((await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'carl@example.com', password: 'a brand new secret' } })).status).toBe(200);
  });

  it('an expired token is refused, and a revoked one on the very next request', async () => {
    const expired = await app.db.transaction((tx) => tokenStore.issue(tx, anaId, 'api', 'expired', -1000));
    const res = await send(app.server, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${expired.token}` } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('KITH_AUTH_INVALID_TOKEN');
    const session = await signIn(app.server, 'ana@example.com', PASSWORD);
    const made = await send(app.server, 'POST', '/api/v1/auth/tokens', { headers: { authorization: `Bearer ${session.token}` }, body: { name: 'short-lived' } });
    const bearer = { authorization: `Bearer ${made.body.token}` };
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(200);
    expect((await send(app.server, 'DELETE', `/api/v1/auth/tokens/${made.body.id}`, { headers: { authorization: `Bearer ${session.token}` } })).status).toBe(204);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: bearer })).status).toBe(401);
  });
});
