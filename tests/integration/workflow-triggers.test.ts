import { createHmac } from 'node:crypto';
import type { TestApp } from '@kith/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { agentClient, AGENTS, createWorkflowApp } from '../support/workflow-apps.js';

const databases = await testDatabases();
const HOUR = 3_600_000;
const SECRET = 'inbound-secret-0123456789';

type Run = { status: string; error: string | null; workflowVersion: number; trigger: Record<string, unknown>; recordId: number | null };

describe.each(databases)('workflow triggers on $name', (database) => {
  let clock: ManualClock;
  let app: TestApp & { drain: () => Promise<number> };
  let http: ReturnType<typeof httpClient>;

  beforeEach(async () => {
    const { url } = await database.fresh();
    clock = new ManualClock('2030-03-04T09:00:00Z');
    app = await createWorkflowApp(url, clock);
    http = httpClient(app.server, app.adminHeaders);
  });
  afterEach(async () => {
    await app.close();
  });

  const add = async (body: Record<string, unknown>) => {
    const res = await http.post('/api/v1/workflows', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const runs = async (id: string) => ((await http.get(`/api/v1/workflows/${id}/runs`)).body as { data: Run[] }).data;
  const ticket = async (id: number) => (await http.get(`/api/v1/records/ticket/${id}`)).body as Record<string, unknown>;

  it('escalates 24 h after openedAt unless resolved: fires when its time comes on the queue clock, skips the resolved one', async () => {
    await add({
      id: 'escalate',
      label: 'Escalate after 24 h',
      entity: 'ticket',
      trigger: { type: 'relativeTime', field: 'openedAt', offsetMinutes: 24 * 60 },
      condition: { '!=': [{ var: 'record.status' }, 'resolved'] },
      actions: [{ type: 'setFields', values: { status: 'escalated' } }],
    });
    const open = (await http.post('/api/v1/records/ticket', { subject: 'Open one', status: 'open', openedAt: clock.now().toISOString() })).body as { id: number };
    const done = (await http.post('/api/v1/records/ticket', { subject: 'Solved soon', status: 'open', openedAt: clock.now().toISOString() })).body as { id: number; version: number };
    expect(await app.drain()).toBe(0); // nothing is due yet
    clock.advance(23 * HOUR);
    await http.patch(`/api/v1/records/ticket/${done.id}`, { status: 'resolved', version: done.version });
    expect(await app.drain()).toBe(0);
    expect((await ticket(open.id)).status).toBe('open');
    clock.advance(HOUR);
    await app.drain();
    expect((await ticket(open.id)).status).toBe('escalated');
    expect((await ticket(done.id)).status).toBe('resolved');
    const history = await runs('escalate');
    expect(history.map((r) => [r.recordId, r.status]).sort()).toEqual([
      [done.id, 'skipped'],
      [open.id, 'succeeded'],
    ].sort());
    expect(history.find((r) => r.status === 'skipped')!.error).toMatch(/condition did not hold/);
  });

  it('a moved date reschedules: the stale time skips itself', async () => {
    await add({ id: 'remind', label: 'Remind', entity: 'ticket', trigger: { type: 'relativeTime', field: 'openedAt', offsetMinutes: 60 }, actions: [{ type: 'setFields', values: { priority: 'high' } }] });
    const t = (await http.post('/api/v1/records/ticket', { subject: 'Moves', openedAt: '2030-03-04T09:00:00.000Z' })).body as { id: number; version: number };
    await http.patch(`/api/v1/records/ticket/${t.id}`, { openedAt: '2030-03-04T15:00:00.000Z', version: t.version });
    clock.advance(2 * HOUR);
    await app.drain();
    expect((await ticket(t.id)).priority).toBe('normal');
    clock.advance(6 * HOUR);
    await app.drain();
    expect((await ticket(t.id)).priority).toBe('high');
    expect((await runs('remind')).filter((r) => r.status === 'succeeded')).toHaveLength(1);
  });

  it('a schedule runs at each cron occurrence for the records whose condition holds, and queues the next one', async () => {
    await http.post('/api/v1/records/ticket', { subject: 'Stale', status: 'open', touches: 0 });
    await http.post('/api/v1/records/ticket', { subject: 'Fine', status: 'resolved', touches: 0 });
    await add({
      id: 'morning',
      label: 'Every morning',
      entity: 'ticket',
      trigger: { type: 'schedule', cron: '0 8 * * *', timezone: 'UTC' },
      condition: { '==': [{ var: 'record.status' }, 'open'] },
      actions: [{ type: 'setFields', values: { touches: { formula: { '+': [{ var: 'record.touches' }, 1] } } } }],
    });
    expect(await app.drain()).toBe(0); // 09:00 now: the next 08:00 is tomorrow
    const jobs = (await http.get('/api/v1/jobs?kind=workflow.cron')).body as { data: { runAt: string; state: string }[] };
    expect(jobs.data).toEqual([expect.objectContaining({ runAt: '2030-03-05T08:00:00.000Z', state: 'pending' })]);
    clock.advance(23 * HOUR);
    await app.drain();
    const all = ((await http.get('/api/v1/records/ticket?sort=id')).body as { data: { subject: string; touches: number | null }[] }).data;
    expect(all.map((t) => [t.subject, t.touches])).toEqual([
      ['Stale', 1],
      ['Fine', 0],
    ]);
    const next = (await http.get('/api/v1/jobs?kind=workflow.cron&state=pending')).body as { data: { runAt: string }[] };
    expect(next.data.map((j) => j.runAt)).toEqual(['2030-03-06T08:00:00.000Z']);
  });

  it('a manual button runs on a record the caller can read; other trigger types refuse it', async () => {
    await add({ id: 'bump', label: 'Bump priority', entity: 'ticket', trigger: { type: 'manual' }, actions: [{ type: 'setFields', values: { priority: 'high' } }] });
    await add({ id: 'auto', label: 'Auto', entity: 'ticket', trigger: { type: 'created' }, condition: false, actions: [{ type: 'setFields', values: { priority: 'low' } }] });
    const t = (await http.post('/api/v1/records/ticket', { subject: 'Press it' })).body as { id: number };
    const agent = await agentClient(app, AGENTS[1]);
    const started = await agent.post('/api/v1/workflows/bump/run', { recordId: t.id });
    expect(started.status).toBe(202);
    await app.drain();
    expect((await ticket(t.id)).priority).toBe('high');
    const [run] = await runs('bump');
    expect(run!.trigger).toMatchObject({ type: 'manual' });
    const missing = await agent.post('/api/v1/workflows/bump/run', { recordId: 999999 });
    expect(missing.status).toBe(404);
    const wrong = await agent.post('/api/v1/workflows/auto/run', { recordId: t.id });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'KITH_WORKFLOW_WRONG_TRIGGER' });
    // Reading the run history is for administrators.
    expect((await agent.get('/api/v1/workflows/bump/runs')).status).toBe(403);
  });

  it('an inbound webhook with a valid signature creates a record from its body; a bad or stale signature is a 401 and starts nothing', async () => {
    await add({
      id: 'from-form',
      label: 'Web form',
      entity: 'ticket',
      trigger: { type: 'webhook', secret: SECRET },
      actions: [{ type: 'createRecord', entity: 'ticket', values: { subject: { formula: { var: 'trigger.body.subject' } }, customerEmail: { formula: { var: 'trigger.body.email' } }, priority: 'high' } }],
    });
    const body = JSON.stringify({ subject: 'From the web', email: 'web@example.org' });
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    const sign = (secret: string, t: string, b: string) => `sha256=${createHmac('sha256', secret).update(`${t}.${b}`).digest('hex')}`;
    const anon = httpClient(app.server, {});
    const bad = await anon.post('/api/v1/hooks/workflows/from-form', body, { 'x-kith-timestamp': ts, 'x-kith-signature': sign('not-the-secret-at-all', ts, body) });
    expect(bad.status).toBe(401);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'KITH_WORKFLOW_BAD_SIGNATURE' });
    const old = String(Number(ts) - 3600);
    expect((await anon.post('/api/v1/hooks/workflows/from-form', body, { 'x-kith-timestamp': old, 'x-kith-signature': sign(SECRET, old, body) })).status).toBe(401);
    expect((await anon.post('/api/v1/hooks/workflows/nope', body, { 'x-kith-timestamp': ts, 'x-kith-signature': sign(SECRET, ts, body) })).status).toBe(401);
    expect(await app.drain()).toBe(0);

    const ok = await anon.post('/api/v1/hooks/workflows/from-form', body, { 'x-kith-timestamp': ts, 'x-kith-signature': sign(SECRET, ts, body) });
    expect(ok.status).toBe(202);
    await app.drain();
    const created = ((await http.get('/api/v1/records/ticket')).body as { data: Record<string, unknown>[] }).data;
    expect(created).toEqual([expect.objectContaining({ subject: 'From the web', customerEmail: 'web@example.org', priority: 'high' })]);
    // The secret is never shown back.
    const shown = (await http.get('/api/v1/workflows/from-form')).body as { trigger: { secret: string } };
    expect(shown.trigger.secret).toBe('…6789');
  });
});
