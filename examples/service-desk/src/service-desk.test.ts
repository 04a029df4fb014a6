import { createTestApp, ManualClock, Worker, type TestApp } from '@kith/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpPeer, startSmtpPeer } from '../../../tests/support/peers.js';
import { serviceDesk } from './index.js';

const MINUTE = 60_000;

describe('the service-desk example plugin', () => {
  let app: TestApp;
  let clock: ManualClock;
  let drain: () => Promise<number>;
  let call: (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) => Promise<{ status: number; body: any }>;
  const peers: { close: () => Promise<void> }[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let pager: Awaited<ReturnType<typeof startHttpPeer>>;

  beforeEach(async () => {
    smtp = await startSmtpPeer();
    pager = await startHttpPeer();
    peers.push(smtp, pager);
    clock = new ManualClock('2030-05-06T10:00:00Z');
    app = await createTestApp({
      plugins: [serviceDesk],
      jobs: { clock },
      worker: false,
      mail: { url: smtp.url, from: 'desk@example.com' },
      initialUsers: [{ email: 'guest@example.com', password: 'guest password 1', name: 'Guest', roles: [] }],
    });
    const worker = new Worker(app.jobs, { backoff: { baseMs: 0, maxMs: 0 } });
    drain = () => worker.drain();
    call = async (method, url, body) => {
      const res = await app.server.inject({ method, url, headers: { ...app.adminHeaders, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    };
    expect((await call('PUT', '/api/v1/plugins/service-desk/settings', { escalationUrl: `${pager.url}/page` })).status).toBe(200);
  });
  afterEach(async () => {
    await app.close();
    for (const p of peers.splice(0)) await p.close();
  });

  const complaint = async (body: Record<string, unknown>) => {
    const res = await call('POST', '/api/v1/records/complaint', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await drain(); // stamps receivedAt, schedules the timers
    return (await call('GET', `/api/v1/records/complaint/${res.body.id}`)).body;
  };

  it('a high-priority complaint not answered within 3 minutes is escalated and paged; an answered one is not', async () => {
    const ignored = await complaint({ subject: 'Charged twice', priority: 'high', customerEmail: 'ana@example.org' });
    const answered = await complaint({ subject: 'Wrong size', priority: 'high' });
    expect(ignored.receivedAt).toBe('2030-05-06T10:00:00.000Z');
    clock.advance(2 * MINUTE);
    expect((await call('POST', `/api/v1/plugins/service-desk/answer/${answered.id}`)).status).toBe(200);
    clock.advance(MINUTE);
    await drain();
    expect((await call('GET', `/api/v1/records/complaint/${ignored.id}`)).body.status).toBe('escalated');
    expect((await call('GET', `/api/v1/records/complaint/${answered.id}`)).body.status).toBe('answered');
    expect(pager.received).toHaveLength(1);
    expect(JSON.parse(pager.received[0]!.body)).toEqual({ complaint: ignored.id, subject: 'Charged twice', reason: 'not answered within 3 minutes' });
    expect(pager.received[0]!.headers['idempotency-key']).toMatch(/:1$/);
    expect((await call('GET', '/api/v1/plugins/service-desk/backlog')).body).toEqual({ new: 0, answered: 1, escalated: 1 });
  });

  it('the back office is emailed about complaints still open after 24 hours, not about resolved ones', async () => {
    const open = await complaint({ subject: 'Still broken', priority: 'low', customerEmail: 'luis@example.org' });
    const done = await complaint({ subject: 'Fixed', priority: 'low' });
    expect((await call('PATCH', `/api/v1/records/complaint/${done.id}`, { status: 'resolved', version: done.version })).status).toBe(200);
    clock.advance(24 * 60 * MINUTE);
    await drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toContain('Subject: Open for a day: Still broken');
    expect(smtp.received[0]!.raw).toContain(`Complaint #${open.id} (new) from luis@example.org is still open.`);
  });

  it('adds its menu entries and a record panel to the admin UI; the panel’s route answers for a record', async () => {
    const ui = (await call('GET', '/api/v1/ui/contributions')).body;
    expect(ui.menu).toEqual([
      { plugin: 'service-desk', label: { en: 'Complaints', es: 'Reclamos' }, group: 'Service', entity: 'complaint' },
      { plugin: 'service-desk', label: { en: 'Backlog', es: 'Pendientes' }, group: 'Service', url: '/api/v1/plugins/service-desk/backlog' },
    ]);
    expect(ui.recordPanels).toEqual([{ plugin: 'service-desk', id: 'sla', entity: 'complaint', title: { en: 'Answer time', es: 'Tiempo de respuesta' }, url: '/api/v1/plugins/service-desk/complaints/:id/sla' }]);
    // A user who may not read complaints gets neither the entity's menu entry nor its panel.
    const login = await app.server.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'guest@example.com', password: 'guest password 1' }) });
    const guest = await app.server.inject({ method: 'GET', url: '/api/v1/ui/contributions', headers: { authorization: `Bearer ${JSON.parse(login.body).token}` } });
    expect(JSON.parse(guest.body)).toEqual({ menu: [{ plugin: 'service-desk', label: { en: 'Backlog', es: 'Pendientes' }, group: 'Service', url: '/api/v1/plugins/service-desk/backlog' }], recordPanels: [] });
    const c = await complaint({ subject: 'Quick', priority: 'high' });
    clock.advance(2 * 60_000);
    const answered = await call('PATCH', `/api/v1/records/complaint/${c.id}`, { status: 'answered', answeredAt: clock.now().toISOString(), version: c.version });
    expect(answered.status).toBe(200);
    expect((await call('GET', `/api/v1/plugins/service-desk/complaints/${c.id}/sla`)).body).toEqual({ targetMinutes: 3, answeredAfterMinutes: 2, met: true });
  });

  it('refuses bad input with the plugin’s and the core’s errors', async () => {
    const c = await complaint({ subject: 'Twice', priority: 'normal' });
    expect((await call('POST', `/api/v1/plugins/service-desk/answer/${c.id}`)).status).toBe(200);
    const again = await call('POST', `/api/v1/plugins/service-desk/answer/${c.id}`);
    expect(again).toMatchObject({ status: 409, body: { code: 'SERVICE_DESK_ALREADY_ANSWERED' } });
    const fresh = await complaint({ subject: 'No time', priority: 'normal' });
    const noTime = await call('PATCH', `/api/v1/records/complaint/${fresh.id}`, { status: 'answered', version: fresh.version });
    expect(noTime).toMatchObject({ status: 400, body: { code: 'KITH_VALIDATION_RULE_FAILED', field: 'answeredAt' } });
    expect((await call('PUT', '/api/v1/plugins/service-desk/settings', { escalationUrl: 'not a url' })).status).toBe(400);
  });
});
