import { createHmac } from 'node:crypto';
import type { TestApp } from '@kith/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { startHttpPeer, startSmtpPeer } from '../support/peers.js';
import { agentClient, AGENTS, createWorkflowApp, userId } from '../support/workflow-apps.js';

const databases = await testDatabases();
const SECRET = 'a-webhook-secret-of-some-length';

type Run = { id: number; workflowVersion: number; status: string; error: string | null; attempts: number; steps: { index: number; type: string; input: unknown; result?: unknown; error?: string; durationMs: number }[]; trigger: Record<string, unknown>; recordId: number | null };

describe.each(databases)('workflow runs on $name', (database) => {
  let url: string;
  let clock: ManualClock;
  let app: TestApp & { drain: () => Promise<number> };
  let http: ReturnType<typeof httpClient>;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    ({ url } = await database.fresh());
    clock = new ManualClock('2030-03-04T09:00:00Z');
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  const boot = async (mail?: { url: string; from: string }) => {
    app = await createWorkflowApp(url, clock, mail);
    closers.push(() => app.close());
    http = httpClient(app.server, app.adminHeaders);
    return app;
  };
  const addWorkflow = async (body: Record<string, unknown>) => {
    const res = await http.post('/api/v1/workflows', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; version: number };
  };
  const runs = async (id: string) => ((await http.get(`/api/v1/workflows/${id}/runs`)).body as { data: Run[] }).data;

  it('a created trigger whose condition holds sets fields, assigns and notifies the owner, with every step in the run history', async () => {
    await boot();
    const ana = await userId(app, AGENTS[0]);
    await addWorkflow({
      id: 'triage-high',
      label: 'Triage high-priority tickets',
      entity: 'ticket',
      trigger: { type: 'created' },
      condition: { '==': [{ var: 'record.priority' }, 'high'] },
      actions: [
        { type: 'setFields', values: { status: 'open', touches: { formula: { '+': [{ var: 'record.touches' }, 1] } } } },
        { type: 'assign', userId: ana },
        { type: 'notify', to: { formula: { var: 'record.owner' } }, title: 'New high ticket: {{record.subject}}', body: 'Status {{record.status}}' },
      ],
    });
    const low = await http.post('/api/v1/records/ticket', { subject: 'Printer', priority: 'low', touches: 0 });
    const high = await http.post('/api/v1/records/ticket', { subject: 'Server down', priority: 'high', touches: 0 });
    expect(high.status).toBe(201);
    expect(await app.drain()).toBe(1); // the low one never enqueued a job

    const stored = (await http.get(`/api/v1/records/ticket/${(high.body as { id: number }).id}`)).body as Record<string, unknown>;
    expect(stored).toMatchObject({ status: 'open', touches: 1, owner: ana });
    expect(((await http.get(`/api/v1/records/ticket/${(low.body as { id: number }).id}`)).body as Record<string, unknown>).status).toBe('new');

    const anaHttp = await agentClient(app, AGENTS[0]);
    const inbox = (await anaHttp.get('/api/v1/notifications')).body as { data: { title: string; body: string; recordId: number }[] };
    expect(inbox.data).toEqual([expect.objectContaining({ title: 'New high ticket: Server down', body: 'Status open', recordId: (high.body as { id: number }).id })]);
    const bruno = await agentClient(app, AGENTS[1]);
    expect(((await bruno.get('/api/v1/notifications')).body as { data: unknown[] }).data).toEqual([]);

    const [run] = await runs('triage-high');
    expect(run).toMatchObject({ workflowVersion: 1, status: 'succeeded', recordId: (high.body as { id: number }).id, trigger: { type: 'created', op: 'create' } });
    expect(run!.steps.map((s) => [s.index, s.type, s.error])).toEqual([
      [0, 'setFields', undefined],
      [1, 'assign', undefined],
      [2, 'notify', undefined],
    ]);
    expect(run!.steps[0]!.input).toEqual({ values: { status: 'open', touches: 1 } });
    expect(run!.steps[1]!.result).toMatchObject({ userId: ana, field: 'owner' });
    for (const s of run!.steps) expect(s.durationMs).toBeGreaterThanOrEqual(0);
    // The workflow's writes are audited as the rules channel.
    const history = (await http.get(`/api/v1/records/ticket/${(high.body as { id: number }).id}/history`)).body as { data: { channel: string }[] };
    expect(history.data.map((h) => h.channel)).toContain('rule');
  });

  it('records the version each run ran: a run after a change says version 2', async () => {
    await boot();
    await addWorkflow({ id: 'on-open', label: 'On open', entity: 'ticket', trigger: { type: 'fieldChanged', field: 'status', from: 'new', to: 'open' }, actions: [{ type: 'setFields', values: { priority: 'normal' } }] });
    const t = (await http.post('/api/v1/records/ticket', { subject: 'A', priority: 'low' })).body as { id: number; version: number };
    await http.patch(`/api/v1/records/ticket/${t.id}`, { status: 'resolved', version: t.version }); // new → resolved: not this transition
    await app.drain();
    expect(await runs('on-open')).toEqual([]);
    const changed = await http.patch('/api/v1/workflows/on-open', { actions: [{ type: 'setFields', values: { priority: 'high' } }] });
    expect(changed.body).toMatchObject({ version: 2 });
    const u = (await http.post('/api/v1/records/ticket', { subject: 'B', priority: 'low' })).body as { id: number; version: number };
    await http.patch(`/api/v1/records/ticket/${u.id}`, { status: 'open', version: u.version });
    await app.drain();
    const [run] = await runs('on-open');
    expect(run).toMatchObject({ workflowVersion: 2, status: 'succeeded', trigger: { type: 'fieldChanged', field: 'status' } });
    expect(((await http.get(`/api/v1/records/ticket/${u.id}`)).body as { priority: string }).priority).toBe('high');
  });

  it('sends an email through a real SMTP server, with the template filled and the step key as Message-ID', async () => {
    const smtp = await startSmtpPeer();
    closers.push(smtp.close);
    await boot({ url: smtp.url, from: 'desk@kith.test' });
    await addWorkflow({
      id: 'ack',
      label: 'Acknowledge',
      entity: 'ticket',
      trigger: { type: 'created' },
      actions: [{ type: 'email', to: { formula: { var: 'record.customerEmail' } }, subject: 'Received: {{record.subject}}', text: 'Ticket #{{record.id}} is {{record.status}}.' }],
    });
    const t = (await http.post('/api/v1/records/ticket', { subject: 'Broken login', customerEmail: 'client@example.org' })).body as { id: number };
    await app.drain();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['client@example.org']);
    expect(smtp.received[0]!.from).toBe('desk@kith.test');
    expect(smtp.received[0]!.raw).toContain('Subject: Received: Broken login');
    expect(smtp.received[0]!.raw).toContain(`Ticket #${t.id} is new.`);
    expect(smtp.received[0]!.raw).toMatch(/Message-ID: <[^>]*:0@kith>/i);
    const [run] = await runs('ack');
    expect(run!.steps[0]!.result).toMatchObject({ accepted: ['client@example.org'] });
  });

  it('calls a webhook with an HMAC-signed body; a failing peer is retried with the same idempotency key and earlier steps do not run twice', async () => {
    let answers = [500, 200];
    const peer = await startHttpPeer((_req, res) => {
      res.statusCode = answers.shift() ?? 200;
      res.end(res.statusCode === 200 ? 'thanks' : 'try later');
    });
    closers.push(peer.close);
    await boot();
    const ana = await userId(app, AGENTS[0]);
    await addWorkflow({
      id: 'sync-out',
      label: 'Sync out',
      entity: 'ticket',
      trigger: { type: 'created' },
      actions: [
        { type: 'notify', to: ana, title: 'Syncing {{record.subject}}' },
        { type: 'webhook', url: `${peer.url}/hook`, secret: SECRET, timeoutMs: 2000 },
      ],
    });
    await http.post('/api/v1/records/ticket', { subject: 'Sync me' });
    await app.drain();
    expect(peer.received).toHaveLength(2);
    const [first, second] = peer.received;
    for (const r of peer.received) {
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${r.headers['x-kith-timestamp']}.${r.body}`).digest('hex')}`;
      expect(r.headers['x-kith-signature']).toBe(expected);
      expect(JSON.parse(r.body)).toMatchObject({ workflow: { id: 'sync-out', version: 1 }, record: { subject: 'Sync me' } });
    }
    expect(first!.headers['idempotency-key']).toBe(second!.headers['idempotency-key']);
    // The notify step ran once although the run was attempted twice.
    const anaHttp = await agentClient(app, AGENTS[0]);
    expect(((await anaHttp.get('/api/v1/notifications')).body as { data: unknown[] }).data).toHaveLength(1);
    const [run] = await runs('sync-out');
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(run!.steps.map((s) => s.type)).toEqual(['notify', 'webhook']);
    expect(run!.steps[1]!.result).toMatchObject({ status: 200, body: 'thanks' });
    // Secrets never reach the history.
    expect(JSON.stringify(run)).not.toContain(SECRET);
  });

  it('a webhook that does not answer in time fails the step with a clear error, and after the last attempt the run is failed and the job dead', async () => {
    const peer = await startHttpPeer(() => undefined); // never answers
    closers.push(peer.close);
    await boot();
    await addWorkflow({ id: 'slow', label: 'Slow', entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'webhook', url: peer.url, secret: SECRET, timeoutMs: 200 }] });
    await http.post('/api/v1/records/ticket', { subject: 'x' });
    await app.drain();
    const [run] = await runs('slow');
    expect(run).toMatchObject({ status: 'failed', attempts: 5 });
    expect(run!.error).toMatch(/KITH_WORKFLOW_ACTION_FAILED: Action 1 \(webhook\) failed: POST .* no answer within 200 ms/);
    const dead = (await http.get('/api/v1/jobs?state=dead')).body as { data: { kind: string; lastError: string }[] };
    expect(dead.data).toEqual([expect.objectContaining({ kind: 'workflow.run', lastError: expect.stringMatching(/no answer within 200 ms/) })]);
  });

  it('a workflow that re-triggers itself stops at the cascade bound with a clear error, not a hang', async () => {
    await boot();
    await addWorkflow({ id: 'loop', label: 'Loop', entity: 'ticket', trigger: { type: 'updated' }, actions: [{ type: 'setFields', values: { touches: { formula: { '+': [{ var: 'record.touches' }, 1] } } } }] });
    const t = (await http.post('/api/v1/records/ticket', { subject: 'Loop', touches: 0 })).body as { id: number; version: number };
    await http.patch(`/api/v1/records/ticket/${t.id}`, { priority: 'high', version: t.version });
    await app.drain();
    const all = await runs('loop');
    const failed = all.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/KITH_JOB_CASCADE_LIMIT.*past the limit of 8/);
    expect(failed[0]!.attempts).toBe(1); // not retried: retrying cannot help
    expect(all.filter((r) => r.status === 'succeeded')).toHaveLength(8);
    // Depths 0..7 ran (8 increments); the 9th write was refused and rolled back.
    expect(((await http.get(`/api/v1/records/ticket/${t.id}`)).body as { touches: number }).touches).toBe(8);
  });

  it('a node that dies after the write committed, before the action ran: the email is sent after restart, once', async () => {
    const smtp = await startSmtpPeer();
    closers.push(smtp.close);
    await boot({ url: smtp.url, from: 'desk@kith.test' });
    await addWorkflow({ id: 'ack', label: 'Ack', entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'email', to: 'ops@example.org', subject: 'New {{record.subject}}', text: '-' }] });
    expect((await http.post('/api/v1/records/ticket', { subject: 'Crash' })).status).toBe(201);
    // The worker never ran: the node goes away with the job committed.
    await app.close();
    closers.pop();
    expect(smtp.received).toHaveLength(0);
    await boot({ url: smtp.url, from: 'desk@kith.test' });
    expect(await app.drain()).toBe(1);
    expect(await app.drain()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.raw).toContain('Subject: New Crash');
  });

  it('assigns by round robin within a team and by least load', async () => {
    await boot();
    const team = ((await http.get('/api/v1/teams')).body as { data: { id: number; name: string }[] }).data.find((t) => t.name === 'desk')!;
    const ids = await Promise.all(AGENTS.map((e) => userId(app, e)));
    await addWorkflow({ id: 'rr', label: 'Round robin', entity: 'ticket', trigger: { type: 'created' }, condition: { '==': [{ var: 'record.priority' }, 'normal'] }, actions: [{ type: 'assign', teamId: team.id, strategy: 'roundRobin' }] });
    for (let i = 0; i < 4; i++) await http.post('/api/v1/records/ticket', { subject: `rr ${i}` });
    await app.drain();
    const owners = ((await http.get('/api/v1/records/ticket?sort=id')).body as { data: { owner: number }[] }).data.map((t) => t.owner);
    const sorted = [...ids].sort((a, b) => a - b);
    // Runs of one batch run concurrently, so which ticket gets which turn varies; the turns do not:
    // members in id order, each once per round.
    const perMember = sorted.map((id) => owners.filter((o) => o === id).length);
    expect(perMember).toEqual([2, 1, 1]);

    await addWorkflow({ id: 'least', label: 'Least loaded', entity: 'ticket', trigger: { type: 'created' }, condition: { '==': [{ var: 'record.priority' }, 'high'] }, actions: [{ type: 'assign', teamId: team.id, strategy: 'leastLoaded' }] });
    const least = (await http.post('/api/v1/records/ticket', { subject: 'least', priority: 'high' })).body as { id: number };
    await app.drain();
    // sorted[0] owns two, the others one each: the lowest id among the least loaded gets it.
    expect(((await http.get(`/api/v1/records/ticket/${least.id}`)).body as { owner: number }).owner).toBe(sorted[1]);
  });
});
