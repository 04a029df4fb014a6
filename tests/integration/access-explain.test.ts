import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';
import { signIn } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

type Http = ReturnType<typeof httpClient>;
interface Grant {
  role: string;
  scope: string;
  condition?: unknown;
  matches?: boolean;
}
interface Operation {
  allowed: boolean;
  reason: string;
  grantedBy: Grant[];
}
interface Field {
  name: string;
  read: boolean;
  edit: boolean;
  grantedBy: string[];
  deniedBy: string[];
}

describe.each(databases)('GET /api/v1/access/explain on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Http;
  const users: Record<string, { id: number; http: Http }> = {};
  const deals: Record<string, number> = {};

  const explain = (params: Record<string, unknown>, as: Http = admin) => as.get(`/api/v1/access/explain${q(params)}`);
  const field = (fields: Field[], name: string) => fields.find((f) => f.name === name)!;

  async function user(name: string, roles: string[]): Promise<void> {
    const created = await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles });
    expect(created.status).toBe(201);
    const session = await signIn(app.server, `${name}@example.com`, PASSWORD);
    users[name] = { id: created.body.id, http: httpClient(app.server, { authorization: `Bearer ${session.token}` }) };
  }

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    admin = httpClient(app.server, app.adminHeaders);
    const roles = [
      { name: 'sales-rep', grants: { deal: { create: 'own', read: 'own', edit: 'own', delete: 'none', fields: { probability: { read: false, edit: false } } } } },
      { name: 'closer', grants: { deal: { create: 'none', read: 'all', edit: 'none', delete: 'none', condition: { '==': [{ var: 'stage' }, 'won'] } } } },
    ];
    for (const role of roles) expect((await admin.post('/api/v1/metadata/roles', role)).status).toBe(201);
    await user('rep', ['sales-rep']);
    await user('other', ['sales-rep']);
    await user('closer', ['closer']);
    await user('nobody', []);
    for (const [owner, title] of [['rep', 'Mine'], ['other', 'Theirs'], ['rep', 'Gone']] as const) {
      const created = await users[owner]!.http.post('/api/v1/records/deal', { title });
      expect(created.status).toBe(201);
      deals[title] = created.body.id;
    }
    expect((await admin.delete(`/api/v1/records/deal/${deals.Gone}`)).status).toBe(204);
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('explains a rep for deal without a record: scopes, denials naming the roles, restricted fields', async () => {
    const res = await explain({ user: users.rep!.id, entity: 'deal' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: users.rep!.id, email: 'rep@example.com', isAdmin: false, roles: ['sales-rep'], teams: [] });
    expect(res.body.entity).toBe('deal');
    expect(res.body.record).toBeUndefined();
    const ops = res.body.operations as Record<string, Operation>;
    expect(ops.read!.allowed).toBe(true);
    expect(ops.read!.grantedBy).toEqual([{ role: 'sales-rep', scope: 'own' }]);
    expect(ops.read!.reason).toMatch(/only on the records in scope.*role sales-rep: scope own/);
    expect(ops.delete!.allowed).toBe(false);
    expect(ops.delete!.grantedBy).toEqual([]);
    expect(ops.delete!.reason).toBe('Denied: no role of this user grants delete on deal; roles: sales-rep (delete: none).');
    const fields = res.body.fields as Field[];
    expect(field(fields, 'probability')).toEqual({ name: 'probability', read: false, edit: false, grantedBy: [], deniedBy: ['sales-rep'] });
    expect(field(fields, 'title')).toEqual({ name: 'title', read: true, edit: true, grantedBy: ['sales-rep'], deniedBy: [] });
    // By email too.
    expect((await explain({ user: 'REP@example.com', entity: 'deal' })).body).toEqual(res.body);
  });

  it("with the rep's own record: allowed, the grant matches, and the reason names the role", async () => {
    const res = await explain({ user: users.rep!.id, entity: 'deal', id: deals.Mine });
    expect(res.status).toBe(200);
    expect(res.body.record).toEqual({ id: deals.Mine, exists: true, deleted: false });
    const ops = res.body.operations as Record<string, Operation>;
    for (const op of ['read', 'edit'] as const) {
      expect(ops[op]!.allowed).toBe(true);
      expect(ops[op]!.grantedBy).toEqual([{ role: 'sales-rep', scope: 'own', matches: true }]);
      expect(ops[op]!.reason).toBe("Allowed by role sales-rep: scope own, and this record's owner is the user.");
    }
    expect(ops.create!.grantedBy).toEqual([{ role: 'sales-rep', scope: 'own' }]);
    expect(ops.create!.reason).toMatch(/^Creating concerns new records/);
    // What the explanation says is what the API does.
    expect((await users.rep!.http.get(`/api/v1/records/deal/${deals.Mine}`)).status).toBe(200);
  });

  it("with someone else's record: denied for that record (matches false) though the operation is allowed in scope", async () => {
    const res = await explain({ user: users.rep!.id, entity: 'deal', id: deals.Theirs });
    const ops = res.body.operations as Record<string, Operation>;
    expect(ops.read!.allowed).toBe(false);
    expect(ops.read!.grantedBy).toEqual([{ role: 'sales-rep', scope: 'own', matches: false }]);
    expect(ops.read!.reason).toBe(`Denied for this record: role sales-rep grants read only with scope own, but this record's owner is user ${users.other!.id}, not the user.`);
    expect((await users.rep!.http.get(`/api/v1/records/deal/${deals.Theirs}`)).status).toBe(404);
    const general = (await explain({ user: users.rep!.id, entity: 'deal' })).body.operations as Record<string, Operation>;
    expect(general.read!.allowed).toBe(true);
    expect(general.read!.grantedBy[0]!.scope).toBe('own');
  });

  it('a deleted record still matches its scope, and says it is deleted; a missing one does not exist', async () => {
    const gone = await explain({ user: users.rep!.id, entity: 'deal', id: deals.Gone });
    expect(gone.body.record).toEqual({ id: deals.Gone, exists: true, deleted: true });
    expect(gone.body.operations.read.grantedBy[0].matches).toBe(true);
    expect(gone.body.operations.read.reason).toContain('This record is deleted');
    const missing = await explain({ user: users.rep!.id, entity: 'deal', id: 99999 });
    expect(missing.body.record).toEqual({ id: 99999, exists: false, deleted: false });
    expect(missing.body.operations.read).toEqual({ allowed: false, reason: 'Denied: there is no deal with id 99999.', grantedBy: [{ role: 'sales-rep', scope: 'own', matches: false }] });
  });

  it("a role's condition: shown with the grant, and a record that does not meet it is named as the reason", async () => {
    const res = await explain({ user: users.closer!.id, entity: 'deal', id: deals.Mine });
    expect(res.body.operations.read.grantedBy).toEqual([{ role: 'closer', scope: 'all', condition: { '==': [{ var: 'stage' }, 'won'] }, matches: false }]);
    expect(res.body.operations.read.reason).toBe("Denied for this record: role closer grants read only with scope all, which this record is in, but the record does not meet the role's condition.");
    await admin.patch(`/api/v1/records/deal/${deals.Mine}`, { stage: 'won', version: 1 });
    const won = await explain({ user: users.closer!.id, entity: 'deal', id: deals.Mine });
    expect(won.body.operations.read).toMatchObject({ allowed: true, reason: "Allowed by role closer: scope all, and the record meets the role's condition." });
  });

  it('a user with no role: everything denied, with a reason to act on', async () => {
    const res = await explain({ user: users.nobody!.id, entity: 'deal' });
    for (const op of ['create', 'read', 'edit', 'delete']) {
      expect(res.body.operations[op]).toEqual({ allowed: false, grantedBy: [], reason: `Denied: this user has no role, and a user with no role reaches nothing. Give them a role (PATCH /api/v1/users/${users.nobody!.id} with "roles").` });
    }
    expect((res.body.fields as Field[]).every((f) => !f.read && !f.edit && f.grantedBy.length === 0)).toBe(true);
  });

  it('an administrator: every permission', async () => {
    const me = (await admin.get('/api/v1/auth/me')).body;
    const res = await explain({ user: me.id, entity: 'deal', id: deals.Theirs });
    expect(res.body.user.isAdmin).toBe(true);
    expect(res.body.operations.delete).toEqual({ allowed: true, reason: 'Administrator: every permission.', grantedBy: [] });
    expect((res.body.fields as Field[]).every((f) => f.read && f.edit)).toBe(true);
  });

  it('a non-administrator may explain only themselves, and only what they can reach', async () => {
    const rep = users.rep!.http;
    expect(await explain({ user: users.other!.id, entity: 'deal' }, rep)).toMatchObject({ status: 403, body: { code: 'KITH_FORBIDDEN' } });
    expect((await explain({ user: 424242, entity: 'deal' }, rep)).status).toBe(403);
    const self = await explain({ user: users.rep!.id, entity: 'deal', id: deals.Mine }, rep);
    expect(self.status).toBe(200);
    expect(self.body.operations.read.allowed).toBe(true);
    expect((await explain({ user: users.rep!.id, entity: 'company' }, rep)).body.code).toBe('KITH_ENTITY_NOT_FOUND');
    expect((await explain({ user: users.rep!.id, entity: 'deal', id: deals.Theirs }, rep)).body.code).toBe('KITH_RECORD_NOT_FOUND');
    expect((await explain({ user: users.rep!.id, entity: 'deal' }, httpClient(app.server))).status).toBe(401);
  });

  it('names what is wrong with the question', async () => {
    expect((await explain({ user: 424242, entity: 'deal' })).body).toMatchObject({ status: 404, code: 'KITH_USER_NOT_FOUND' });
    expect((await explain({ user: 'ghost@example.com', entity: 'deal' })).body).toMatchObject({ status: 404, code: 'KITH_USER_NOT_FOUND' });
    expect((await explain({ user: users.rep!.id, entity: 'unicorn' })).body).toMatchObject({ status: 404, code: 'KITH_ENTITY_NOT_FOUND' });
    expect((await explain({ user: users.rep!.id, entity: 'deal', id: 'abc' })).body).toMatchObject({ status: 400, code: 'KITH_RECORD_INVALID_ID' });
    expect((await explain({ entity: 'deal' })).body).toMatchObject({ status: 400, field: 'user' });
    expect((await explain({ user: users.rep!.id })).body).toMatchObject({ status: 400, field: 'entity' });
    expect((await explain({ user: users.rep!.id, entity: 'deal', verbose: 'yes' })).body).toMatchObject({ status: 400, field: 'verbose' });
  });
});
