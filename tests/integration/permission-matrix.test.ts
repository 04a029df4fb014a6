import { createTestApp, type TestApp } from '@kith/core/testing';
import { defineEntity, definePlugin, type AccessScope } from '@kith/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient, q } from '../support/http.js';
import { send } from './session-client.js';

/**
 * A generated matrix: scopes × operations × doors. For each scope the expected set of records
 * is computed from the data (who owns what, who shares a team), independently of Kith, and
 * every door must show exactly that set — no more (a leak), no less.
 */
const databases = await testDatabases();
const SCOPES: AccessScope[] = ['none', 'own', 'team', 'all'];
const PASSWORD = 'correct horse battery';

const plugin = definePlugin({
  id: 'matrix',
  version: '1.0.0',
  entities: [
    defineEntity({ name: 'account', fields: { name: { type: 'text', required: true } } }),
    defineEntity({
      name: 'deal',
      ownerField: 'owner',
      fields: {
        title: { type: 'text', required: true },
        region: { type: 'select', options: ['north', 'south'] },
        amount: { type: 'decimal' },
        margin: { type: 'decimal' },
        owner: { type: 'user' },
        account: { type: 'relation', target: 'account', inverse: 'deals' },
      },
    }),
  ],
});

type Http = ReturnType<typeof httpClient>;

describe.each(databases)('permission matrix on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Http;
  const users: Record<string, { id: number; http: Http }> = {};
  const deals: { id: number; owner: number; region: string }[] = [];
  let teamA: number[] = [];
  let accountId = 0;

  const grant = (op: 'read' | 'edit' | 'delete' | 'create', scope: AccessScope) => ({
    create: op === 'create' ? scope : 'none',
    read: op === 'read' ? scope : 'all',
    edit: op === 'edit' ? scope : 'none',
    delete: op === 'delete' ? scope : 'none',
    fields: { margin: { read: false, edit: false } },
  });

  async function user(name: string, roles: string[], team: number): Promise<void> {
    const created = await admin.post('/api/v1/users', { email: `${name}@example.com`, name, password: PASSWORD, roles, teams: [team] });
    expect(created.status).toBe(201);
    const login = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: `${name}@example.com`, password: PASSWORD } });
    users[name] = { id: created.body.id, http: httpClient(app.server, { authorization: `Bearer ${login.body.token}` }) };
  }

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [plugin], databaseUrl: fresh.url });
    admin = httpClient(app.server, app.adminHeaders);
    for (const op of ['read', 'edit', 'delete', 'create'] as const) {
      for (const scope of SCOPES) {
        const res = await admin.post('/api/v1/metadata/roles', { name: `${op}-${scope}`, grants: { deal: grant(op, scope), account: { create: 'none', read: 'all', edit: 'none', delete: 'none' } } });
        expect(res.status).toBe(201);
      }
    }
    const a = (await admin.post('/api/v1/teams', { name: 'A' })).body.id as number;
    const b = (await admin.post('/api/v1/teams', { name: 'B' })).body.id as number;
    await user('alice', [], a);
    await user('bob', [], a);
    await user('carol', [], b);
    for (const op of ['read', 'edit', 'delete', 'create'] as const) for (const scope of SCOPES) await user(`${op}-${scope}`, [`${op}-${scope}`], a);
    teamA = Object.entries(users).filter(([n]) => n !== 'carol').map(([, u]) => u.id);
    accountId = (await admin.post('/api/v1/records/account', { name: 'Acme' })).body.id;
    const owners = [users.alice!, users.bob!, users.carol!, users['read-own']!, users['edit-own']!, users['delete-own']!];
    const rows = owners.flatMap((o, i) => [0, 1].map((j) => ({ title: `d${i}${j}`, region: j ? 'south' : 'north', amount: 100 * i + j, margin: 7, owner: o.id, account: accountId })));
    const created = await admin.post('/api/v1/records/deal/bulk', rows);
    expect(created.status).toBe(201);
    deals.push(...created.body.data.map((d: { id: number; owner: number; region: string }) => ({ id: d.id, owner: d.owner, region: d.region })));
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  /** Ids the scope reaches for `who`, computed from the data alone. */
  const expected = (scope: AccessScope, who: number) =>
    deals.filter((d) => scope === 'all' || (scope === 'own' && d.owner === who) || (scope === 'team' && teamA.includes(d.owner) && teamA.includes(who))).map((d) => d.id).sort((x, y) => x - y);
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((x, y) => x - y);

  describe.each(SCOPES)('read scope %s', (scope) => {
    it('list, count, get, filter, sort, cursor, expand and history show exactly the scope, never the hidden field', async () => {
      const me = users[`read-${scope}`]!;
      const want = expected(scope, me.id);
      const list = await me.http.get(`/api/v1/records/deal${q({ count: 'true', limit: '500' })}`);
      if (scope === 'none') {
        expect(list.status).toBe(404);
        for (const d of deals) expect((await me.http.get(`/api/v1/records/deal/${d.id}`)).status).toBe(404);
        expect((await me.http.get('/api/v1/metadata/entities')).body.data.map((e: { name: string }) => e.name)).toEqual(['account']);
        expect(Object.keys((await me.http.get('/openapi.json')).body.paths)).not.toContain('/api/v1/records/deal');
        return;
      }
      expect(ids(list.body.data)).toEqual(want);
      expect(list.body.total).toBe(want.length);
      expect(JSON.stringify(list.body)).not.toContain('margin');
      for (const d of deals) {
        const get = await me.http.get(`/api/v1/records/deal/${d.id}`);
        expect(get.status, `get ${d.id}`).toBe(want.includes(d.id) ? 200 : 404);
        if (get.status === 200) expect(get.body).not.toHaveProperty('margin');
        const history = await me.http.get(`/api/v1/records/deal/${d.id}/history`);
        expect(history.status, `history ${d.id}`).toBe(want.includes(d.id) ? 200 : 404);
        if (history.status === 200) expect(JSON.stringify(history.body)).not.toContain('margin');
      }
      const south = await me.http.get(`/api/v1/records/deal${q({ filter: { region: 'south' }, limit: '500' })}`);
      expect(ids(south.body.data)).toEqual(want.filter((id) => deals.find((d) => d.id === id)!.region === 'south'));
      const sorted = await me.http.get(`/api/v1/records/deal${q({ sort: '-amount', limit: '500' })}`);
      expect(ids(sorted.body.data)).toEqual(want);
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { data: { id: number }[]; nextCursor: string | null } } = await me.http.get(`/api/v1/records/deal${q({ limit: '2', ...(cursor ? { cursor } : {}) })}`);
        paged.push(...page.body.data.map((r) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged.sort((x, y) => x - y)).toEqual(want);
      const account = await me.http.get(`/api/v1/records/account/${accountId}${q({ expand: 'deals' })}`);
      expect(ids(account.body.deals)).toEqual(want);
      expect(JSON.stringify(account.body)).not.toContain('margin');
      const byAccount = await me.http.get(`/api/v1/records/deal${q({ filter: { account: { name: 'Acme' } }, count: 'true' })}`);
      expect(byAccount.body.total).toBe(want.length);
      for (const door of [q({ filter: { margin: { $gt: 0 } } }), q({ sort: 'margin' }), q({ fields: 'title,margin' })]) {
        const res = await me.http.get(`/api/v1/records/deal${door}`);
        expect(res.status, door).toBe(400);
        expect(res.body.detail).toMatch(/"margin" is not a field of deal/);
      }
      const meta = await me.http.get('/api/v1/metadata/entities/deal');
      expect(meta.body.fields.map((f: { name: string }) => f.name)).not.toContain('margin');
      const openapi = (await me.http.get('/openapi.json')).body;
      expect(Object.keys(openapi.paths)).toContain('/api/v1/records/deal');
      expect(Object.keys(openapi.components.schemas.DealRecord.properties)).not.toContain('margin');
    });
  });

  describe.each(SCOPES)('edit and delete scope %s', (scope) => {
    it('edits and deletes exactly the records in scope (403 outside it), and cannot move a record out of scope', async () => {
      for (const op of ['edit', 'delete'] as const) {
        const me = users[`${op}-${scope}`]!;
        const want = expected(scope, me.id);
        for (const d of deals) {
          const current = (await admin.get(`/api/v1/records/deal/${d.id}`)).body;
          if (current.version === undefined) continue; // deleted by an earlier scope's run
          const res = op === 'edit' ? await me.http.patch(`/api/v1/records/deal/${d.id}`, { version: current.version, title: `${current.title}'` }) : await me.http.delete(`/api/v1/records/deal/${d.id}`);
          expect(res.status, `${op} ${d.id} as ${op}-${scope}`).toBe(want.includes(d.id) ? (op === 'edit' ? 200 : 204) : 403);
          if (op === 'delete' && res.status === 204) expect((await admin.post(`/api/v1/records/deal/${d.id}/restore`)).status).toBe(200);
        }
      }
      const editor = users[`edit-${scope}`]!;
      const mine = deals.find((d) => expected(scope, editor.id).includes(d.id));
      if (mine && scope !== 'all') {
        const current = (await admin.get(`/api/v1/records/deal/${mine.id}`)).body;
        const moved = await editor.http.patch(`/api/v1/records/deal/${mine.id}`, { version: current.version, owner: users.carol!.id });
        expect(moved.status).toBe(403);
        expect((await admin.get(`/api/v1/records/deal/${mine.id}`)).body.owner).toBe(mine.owner);
      }
      if (mine) {
        const current = (await admin.get(`/api/v1/records/deal/${mine.id}`)).body;
        const hidden = await editor.http.patch(`/api/v1/records/deal/${mine.id}`, { version: current.version, margin: 99 });
        expect(hidden.status).toBe(400);
      }
    });
  });

  describe.each(SCOPES)('create scope %s', (scope) => {
    it('creates only records whose owner is in scope; the owner defaults to the caller; a bulk with one outsider stores nothing', async () => {
      const me = users[`create-${scope}`]!;
      const count = async () => (await admin.get(`/api/v1/records/deal${q({ count: 'true', limit: '1' })}`)).body.total as number;
      const before = await count();
      const cases: [string, number | undefined, boolean][] = [
        ['self by default', undefined, scope !== 'none'],
        ['team mate', users.alice!.id, scope === 'team' || scope === 'all'],
        ['other team', users.carol!.id, scope === 'all'],
      ];
      let stored = 0;
      for (const [label, owner, allowed] of cases) {
        const res = await me.http.post('/api/v1/records/deal', { title: `new ${label}`, ...(owner ? { owner } : {}) });
        expect(res.status, label).toBe(allowed ? 201 : 403);
        if (allowed) {
          stored++;
          expect(res.body.owner).toBe(owner ?? me.id);
        }
      }
      const bulk = await me.http.post('/api/v1/records/deal/bulk', [{ title: 'b1' }, { title: 'b2', owner: users.carol!.id }]);
      expect(bulk.status).toBe(scope === 'all' ? 201 : 403);
      if (bulk.status === 201) stored += 2;
      expect(await count()).toBe(before + stored);
    });
  });
});
