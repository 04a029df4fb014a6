import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { testDatabases } from '../support/databases.js';
import { send, type SessionReply } from './session-client.js';

const databases = await testDatabases();
const PASSWORD = 'correct horse battery';

/** The problem without what legitimately differs between two answers (seconds left, the URL). */
const shape = (res: SessionReply) => ({ status: res.status, code: res.body.code, detail: String(res.body.detail).replace(/\d+/g, 'N'), type: res.headers['content-type'] });

describe.each(databases)('sign-in limits on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [salesFixture], databaseUrl: fresh.url });
    for (const email of ['ana@example.com', 'eve@example.com']) {
      expect((await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email, name: 'Someone', password: PASSWORD } })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const login = (email: string, password: string, address?: string) => send(app.server, 'POST', '/api/v1/auth/login', { body: { email, password }, ...(address ? { address } : {}) });

  it('after 5 failed sign-ins an email is locked with 429 problem+json and Retry-After, even for the right password', async () => {
    // Each attempt from another address: this is the per-email lock, not the per-address limit.
    for (let i = 0; i < 5; i += 1) expect((await login('Ana@Example.com', `wrong password ${i}`)).status).toBe(401);
    const locked = await login('ana@example.com', PASSWORD);
    expect(locked.status).toBe(429);
    expect(String(locked.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(locked.body).toMatchObject({ code: 'KITH_AUTH_RATE_LIMITED', status: 429 });
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(locked.body.retryAfter).toBe(retryAfter);
    // Other emails are not affected.
    expect((await login('eve@example.com', PASSWORD)).status).toBe(200);
  });

  it('an unknown email is locked the same way, so the answers reveal nothing about which emails exist', async () => {
    const known: SessionReply[] = [];
    const unknown: SessionReply[] = [];
    await send(app.server, 'POST', '/api/v1/users', { headers: app.adminHeaders, body: { email: 'zoe@example.com', name: 'Zoe', password: PASSWORD } });
    for (let i = 0; i < 6; i += 1) {
      known.push(await login('zoe@example.com', `wrong password ${i}`));
      unknown.push(await login('nobody@example.com', `wrong password ${i}`));
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown.map(shape)).toEqual(known.map(shape));
  });

  it('limits sign-in attempts per client address: the 11th within a minute is refused, other addresses go on', async () => {
    const address = '192.0.2.7';
    for (let i = 0; i < 10; i += 1) expect((await login(`guess${i}@example.com`, 'wrong password!', address)).status).toBe(401);
    const refused = await login('eve@example.com', PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(String(refused.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('KITH_AUTH_RATE_LIMITED');
    expect(refused.body.detail).toMatch(/address/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('eve@example.com', PASSWORD, '192.0.2.8')).status).toBe(200);
  });

  it('refuses malformed sign-in bodies with a 400 naming the field, without counting them against the email', async () => {
    const missing = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'eve@example.com' } });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('password');
    const typed = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 42, password: PASSWORD } });
    expect(typed.body.field).toBe('email');
    const extra = await send(app.server, 'POST', '/api/v1/auth/login', { body: { email: 'eve@example.com', password: PASSWORD, admin: true } });
    expect(extra.body.field).toBe('admin');
    expect((await login('eve@example.com', PASSWORD)).status).toBe(200);
  });
});
