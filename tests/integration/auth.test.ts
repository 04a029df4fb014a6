import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

describe.each(databases)('authentication on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    const admin = httpClient(app.server, app.adminHeaders);
    expect((await admin.get('/api/v1/auth/me')).body.email).toBe('admin@test.kith');
    await app.db.transaction(async (tx) => {
      const { userStore } = await import('../../core/src/auth/user-store.js');
      await userStore.create(tx, { email: 'Ana@Example.com', name: 'Ana Quispe', password: 'correct horse battery' });
    });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('refuses anonymous and malformed or unknown tokens with 401 problem+json; health stays open', async () => {
    const anon = httpClient(app.server);
    for (const res of [
      await anon.get('/api/v1/records/deal'),
      await httpClient(app.server, { authorization: 'Bearer nope' }).get('/api/v1/records/deal'),
      await httpClient(app.server, { authorization: `Bearer kith_pat_${'A'.repeat(43)}` }).get('/api/v1/records/deal'),
      await anon.post('/api/v1/metadata/entities/deal/fields', { name: 'x', type: 'text' }),
    ]) {
      expect(res.status).toBe(401);
      expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    }
    expect((await anon.get('/api/v1/health')).status).toBe(200);
  });

  it('signs in with email and password, case-insensitively for the email; a wrong password says nothing about the email', async () => {
    const anon = httpClient(app.server);
    const login = await anon.post('/api/v1/auth/login', { email: 'ana@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'ana@example.com', name: 'Ana Quispe', isAdmin: false });
    const me = await httpClient(app.server, { authorization: `Bearer ${login.body.token}` }).get('/api/v1/auth/me');
    expect(me.body.email).toBe('ana@example.com');
    expect(me.body).not.toHaveProperty('passwordHash');
    const wrong = await anon.post('/api/v1/auth/login', { email: 'ana@example.com', password: 'wrong password!' });
    const unknown = await anon.post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('signs out: the session token stops working on the next request', async () => {
    const login = await httpClient(app.server).post('/api/v1/auth/login', { email: 'ana@example.com', password: 'correct horse battery' });
    const ana = httpClient(app.server, { authorization: `Bearer ${login.body.token}` });
    expect((await ana.get('/api/v1/auth/me')).status).toBe(200);
    expect((await ana.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await ana.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('API tokens are shown once, listed without the secret, and revoked with immediate effect', async () => {
    const admin = httpClient(app.server, app.adminHeaders);
    const created = await admin.post('/api/v1/auth/tokens', { name: 'nightly import', expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^kith_pat_/);
    const list = await admin.get('/api/v1/auth/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const script = httpClient(app.server, { authorization: `Bearer ${created.body.token}` });
    expect((await script.get('/api/v1/records/deal')).status).toBe(200);
    expect((await admin.delete(`/api/v1/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect((await script.get('/api/v1/records/deal')).status).toBe(401);
    const stored = await app.db.reader.all('SELECT "token_hash" FROM "kith_token"', []);
    expect(JSON.stringify(stored)).not.toContain(created.body.token);
  });

  it('records who created and changed a record', async () => {
    const admin = httpClient(app.server, app.adminHeaders);
    const me = (await admin.get('/api/v1/auth/me')).body;
    const created = await admin.post('/api/v1/records/company', { name: 'Audited SAC' });
    expect(created.body.createdBy).toBe(me.id);
    expect(created.body.updatedBy).toBe(me.id);
  });
});
