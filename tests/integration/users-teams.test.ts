import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForToken } from '../../core/src/auth/token-actor.js';
import { TokenCache } from '../../core/src/auth/token-cache.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { send, signIn } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

describe.each(databases)('users, teams and roles on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    admin = { ...app.adminHeaders };
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const as = (headers: Record<string, string>) => ({
    get: (url: string) => send(app.server, 'GET', url, { headers }),
    post: (url: string, body: unknown) => send(app.server, 'POST', url, { headers, body }),
    patch: (url: string, body: unknown) => send(app.server, 'PATCH', url, { headers, body }),
    put: (url: string, body: unknown) => send(app.server, 'PUT', url, { headers, body }),
  });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const userCount = async () => Number((await app.db.reader.all('SELECT COUNT(*) FROM "kith_user"', []))[0]![0]);

  it('the last active administrator can be neither demoted nor deactivated', async () => {
    const me = (await as(admin).get('/api/v1/auth/me')).body;
    for (const change of [{ isAdmin: false }, { active: false }]) {
      const res = await as(admin).patch(`/api/v1/users/${me.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('KITH_USER_LAST_ADMIN');
    }
  });

  it('creates teams and users with roles and teams; never shows a password hash; bad input names the field and changes nothing', async () => {
    const north = await as(admin).post('/api/v1/teams', { name: 'North' });
    expect(north.status).toBe(201);
    expect(north.headers.location).toBe(`/api/v1/teams/${north.body.id}`);
    expect(north.body).toMatchObject({ name: 'North', memberIds: [] });
    const ana = await as(admin).post('/api/v1/users', { email: 'Ana@Example.com', name: 'Ana', password: PASSWORD, roles: ['sales-rep', 'support'], teams: [north.body.id] });
    expect(ana.status).toBe(201);
    expect(ana.body).toMatchObject({ email: 'ana@example.com', isAdmin: false, active: true, roles: ['sales-rep', 'support'], teams: [north.body.id] });
    const list = await as(admin).get('/api/v1/users');
    expect(list.body.data.map((u: { email: string }) => u.email)).toEqual(['admin@test.kith', 'ana@example.com']);
    expect(JSON.stringify([ana.body, list.body, (await as(admin).get(`/api/v1/users/${ana.body.id}`)).body])).not.toMatch(/argon2|password/i);

    const before = await userCount();
    const bad: [unknown, string, number][] = [
      [{ email: 'ana@example.com', name: 'Ana again', password: PASSWORD }, 'email', 409],
      [{ email: 'not-an-email', name: 'X', password: PASSWORD }, 'email', 400],
      [{ email: 'x@example.com', name: 'X', password: 'short' }, 'password', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, roles: ['ok', 'not ok!'] }, 'roles', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, roles: 'sales-rep' }, 'roles', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, teams: [999] }, 'teams', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, teams: ['1'] }, 'teams', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, isAdmin: 'yes' }, 'isAdmin', 400],
      [{ email: 'x@example.com', name: 'X', password: PASSWORD, passwordHash: 'x' }, 'passwordHash', 400],
    ];
    for (const [body, field, status] of bad) {
      const res = await as(admin).post('/api/v1/users', body);
      expect([res.status, res.body.field]).toEqual([status, field]);
      expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    }
    expect(await userCount()).toBe(before);
  });

  it('refuses every user and team endpoint to non-administrators (403) and to anonymous callers (401)', async () => {
    await as(admin).post('/api/v1/users', { email: 'rep@example.com', name: 'Rep', password: PASSWORD, roles: ['sales-rep'] });
    const rep = await signIn(app.server, 'rep@example.com', PASSWORD);
    const calls = (h: Record<string, string>) => [
      as(h).get('/api/v1/users'),
      as(h).post('/api/v1/users', { email: 'y@example.com', name: 'Y', password: PASSWORD }),
      as(h).get('/api/v1/users/1'),
      as(h).patch('/api/v1/users/1', { isAdmin: false }),
      as(h).get('/api/v1/teams'),
      as(h).post('/api/v1/teams', { name: 'Mine' }),
      as(h).patch('/api/v1/teams/1', { name: 'Mine' }),
      as(h).put('/api/v1/teams/1/members', { userIds: [] }),
    ];
    for (const res of await Promise.all(calls(bearer(rep.token)))) expect([res.status, res.body.code]).toEqual([403, 'KITH_FORBIDDEN']);
    for (const res of await Promise.all(calls({}))) expect(res.status).toBe(401);
    expect((await as(admin).get('/api/v1/teams')).body.data.map((t: { name: string }) => t.name)).toEqual(['North']);
  });

  it('renames teams and replaces their members; team mates and roles reach the actor on the next request', async () => {
    const users = (await as(admin).get('/api/v1/users')).body.data as { id: number; email: string }[];
    const id = (email: string) => users.find((u) => u.email === email)!.id;
    const north = (await as(admin).get('/api/v1/teams')).body.data[0];
    const south = await as(admin).post('/api/v1/teams', { name: 'South' });
    expect((await as(admin).post('/api/v1/teams', { name: 'North' })).body).toMatchObject({ code: 'KITH_TEAM_EXISTS', field: 'name' });
    expect((await as(admin).patch(`/api/v1/teams/${south.body.id}`, { name: 'North' })).status).toBe(409);
    expect((await as(admin).patch(`/api/v1/teams/${south.body.id}`, { name: 'South coast' })).body.name).toBe('South coast');
    expect((await as(admin).patch('/api/v1/teams/9999', { name: 'Nowhere' })).status).toBe(404);
    expect((await as(admin).put(`/api/v1/teams/${north.id}/members`, { userIds: [id('ana@example.com'), 9999] })).body.field).toBe('userIds');

    const rep = await signIn(app.server, 'rep@example.com', PASSWORD);
    const me = () => as(bearer(rep.token)).get('/api/v1/auth/me');
    expect((await me()).body).toMatchObject({ roles: ['sales-rep'], teams: [] });
    const put = await as(admin).put(`/api/v1/teams/${north.id}/members`, { userIds: [id('ana@example.com'), id('rep@example.com')] });
    expect(put.body.memberIds).toEqual([id('ana@example.com'), id('rep@example.com')].sort((a, b) => a - b));
    expect((await me()).body.teams).toEqual([{ id: north.id, name: 'North' }]);
    const actor = await actorForToken(app.db, new TokenCache(), rep.token);
    expect(actor?.teamUserIds).toEqual([id('ana@example.com'), id('rep@example.com')].sort((a, b) => a - b));

    const patched = await as(admin).patch(`/api/v1/users/${id('rep@example.com')}`, { roles: ['sales-manager'], teams: [south.body.id], name: 'Rep Two' });
    expect(patched.body).toMatchObject({ name: 'Rep Two', roles: ['sales-manager'], teams: [south.body.id] });
    expect((await me()).body).toMatchObject({ roles: ['sales-manager'], teams: [{ id: south.body.id, name: 'South coast' }] });
    expect((await actorForToken(app.db, new TokenCache(), rep.token))?.teamUserIds).toEqual([id('rep@example.com')]);
    expect((await as(admin).patch(`/api/v1/users/${id('rep@example.com')}`, { email: 'new@example.com' })).body.field).toBe('email');
    expect((await as(admin).get('/api/v1/users/9999')).status).toBe(404);
    expect((await as(admin).get('/api/v1/users/abc')).status).toBe(404);
  });

  it('a user with no role acts with none', async () => {
    await as(admin).post('/api/v1/users', { email: 'nobody@example.com', name: 'No Role', password: PASSWORD });
    const nobody = await signIn(app.server, 'nobody@example.com', PASSWORD);
    expect((await as(bearer(nobody.token)).get('/api/v1/auth/me')).body).toMatchObject({ roles: [], teams: [], isAdmin: false });
    expect((await actorForToken(app.db, new TokenCache(), nobody.token))?.roles).toEqual([]);
  });

  it('a token narrowed to one role acts with that role only, never as admin; a role the user lacks is refused', async () => {
    await as(admin).post('/api/v1/users', { email: 'multi@example.com', name: 'Multi', password: PASSWORD, roles: ['sales-rep', 'support'], isAdmin: true });
    const multi = await signIn(app.server, 'multi@example.com', PASSWORD);
    const full = bearer(multi.token);
    const narrowed = await as(full).post('/api/v1/auth/tokens', { name: 'support bot', role: 'support' });
    expect(narrowed.status).toBe(201);
    expect(narrowed.body.role).toBe('support');
    const bot = bearer(narrowed.body.token);
    expect((await as(bot).get('/api/v1/auth/me')).body).toMatchObject({ email: 'multi@example.com', roles: ['support'], isAdmin: false });
    expect((await as(full).get('/api/v1/auth/me')).body).toMatchObject({ roles: ['sales-rep', 'support'], isAdmin: true });
    expect((await as(bot).get('/api/v1/users')).status).toBe(403);
    // A narrowed token cannot make a broader one.
    expect((await as(bot).post('/api/v1/auth/tokens', { name: 'escape' })).body.field).toBe('role');
    expect((await as(bot).post('/api/v1/auth/tokens', { name: 'escape', role: 'sales-rep' })).body.code).toBe('KITH_TOKEN_ROLE_NOT_HELD');
    const refused = await as(full).post('/api/v1/auth/tokens', { name: 'boss bot', role: 'sales-manager' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'KITH_TOKEN_ROLE_NOT_HELD', field: 'role' });
    expect((await as(full).post('/api/v1/auth/tokens', { name: 'bad', role: 'not ok!' })).body.field).toBe('role');
    // Losing the role leaves the narrowed token with no role at all.
    await as(admin).patch(`/api/v1/users/${(await as(full).get('/api/v1/auth/me')).body.id}`, { roles: ['sales-rep'] });
    expect((await as(bot).get('/api/v1/auth/me')).body.roles).toEqual([]);
  });

  it("deactivating a user refuses its sessions and tokens on the next request, and sign-in, until it is active again", async () => {
    const u = await as(admin).post('/api/v1/users', { email: 'leaver@example.com', name: 'Leaver', password: PASSWORD });
    const session = await signIn(app.server, 'leaver@example.com', PASSWORD);
    const token = (await as(bearer(session.token)).post('/api/v1/auth/tokens', { name: 'script' })).body.token as string;
    expect((await as(bearer(token)).get('/api/v1/auth/me')).status).toBe(200);
    expect((await as(admin).patch(`/api/v1/users/${u.body.id}`, { active: false })).body.active).toBe(false);
    expect((await as(bearer(token)).get('/api/v1/auth/me')).status).toBe(401);
    expect((await send(app.server, 'GET', '/api/v1/auth/me', { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'leaver@example.com', password: PASSWORD } })).status).toBe(401);
    await as(admin).patch(`/api/v1/users/${u.body.id}`, { active: true });
    // Reactivation does not bring back the revoked tokens; signing in does work again.
    expect((await as(bearer(token)).get('/api/v1/auth/me')).status).toBe(401);
    expect((await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'leaver@example.com', password: PASSWORD } })).status).toBe(200);
  });
});
