import type { TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { agentClient, AGENTS, createWorkflowApp, userId } from '../support/workflow-apps.js';

const databases = await testDatabases();
const SECRET = 'a-webhook-secret-of-some-length';
type Problem = { code: string; field?: string; detail: string; errors?: { field: string; message: string }[] };

const valid = { id: 'triage', label: 'Triage', entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'setFields', values: { status: 'open' } }] };

describe.each(databases)('the workflows API on $name', (database) => {
  let app: TestApp & { drain: () => Promise<number> };
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const { url } = await database.fresh();
    app = await createWorkflowApp(url, new ManualClock('2030-03-04T09:00:00Z'));
    http = httpClient(app.server, app.adminHeaders);
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['a prototype path in the condition', { condition: { '==': [{ var: 'record.__proto__.polluted' }, 1] } }, 'condition.==.0.var'],
    ['an unknown operation', { condition: { exec: ['rm -rf /'] } }, 'condition.exec'],
    ['a cron string that does not parse', { trigger: { type: 'schedule', cron: '61 25 * * *' } }, 'trigger.cron'],
    ['an unknown time zone', { trigger: { type: 'schedule', cron: '0 8 * * *', timezone: 'Mars/Olympus' } }, 'trigger.timezone'],
    ['an action naming an unknown field', { actions: [{ type: 'setFields', values: { nope: 1 } }] }, 'actions[0].values.nope'],
    ['a value of the wrong type', { actions: [{ type: 'setFields', values: { status: 'bogus' } }] }, 'actions[0].values.status'],
    ['an unknown action', { actions: [{ type: 'sendFax', to: '1' }] }, 'actions[0].type'],
    ['a webhook without a secret', { actions: [{ type: 'webhook', url: 'http://127.0.0.1:9/x' }] }, 'actions[0].secret'],
    ['a webhook to a non-http URL', { actions: [{ type: 'webhook', url: 'file:///etc/passwd', secret: SECRET }] }, 'actions[0].url'],
    ['a relative time on a text field', { trigger: { type: 'relativeTime', field: 'subject', offsetMinutes: 60 } }, 'trigger.field'],
    ['an unknown trigger', { trigger: { type: 'whenever' } }, 'trigger.type'],
    ['an unknown key', { colour: 'red' }, 'colour'],
    ['an entity that does not exist', { entity: 'spaceship' }, 'entity'],
  ])('refuses %s when saved, naming the field, and stores nothing', async (_name, change, field) => {
    const res = await http.post('/api/v1/workflows', { ...valid, id: 'bad-one', ...change });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.body as Problem;
    expect(problem.code).toBe('KITH_WORKFLOW_INVALID');
    expect(problem.errors!.map((e) => e.field)).toContain(field);
    expect((await http.get('/api/v1/workflows/bad-one')).status).toBe(404);
  });

  it('reports every problem at once', async () => {
    const res = await http.post('/api/v1/workflows', { ...valid, id: 'many', trigger: { type: 'schedule', cron: 'nope' }, actions: [{ type: 'setFields', values: { nope: 1 } }, { type: 'email', to: 'not-an-email', subject: 's', text: 't' }] });
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors!.map((e) => e.field).sort()).toEqual(['actions[0].values.nope', 'actions[1].to', 'trigger.cron'].sort());
  });

  it('adds, changes (a new version each time), disables and removes a workflow; only administrators may', async () => {
    const agent = await agentClient(app, AGENTS[0]);
    expect((await agent.post('/api/v1/workflows', { ...valid, id: 'by-agent' })).status).toBe(403);
    expect((await agent.get('/api/v1/workflows')).status).toBe(403);
    const created = await http.post('/api/v1/workflows', { ...valid, id: 'life' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'life', version: 1, enabled: true, source: 'custom' });
    expect((await http.post('/api/v1/workflows', { ...valid, id: 'life' })).body).toMatchObject({ code: 'KITH_WORKFLOW_EXISTS' });
    expect((await http.patch('/api/v1/workflows/life', { enabled: false })).body).toMatchObject({ version: 2, enabled: false });
    const refused = await http.patch('/api/v1/workflows/life', { actions: [{ type: 'setFields', values: { nope: 1 } }] });
    expect(refused.status).toBe(400);
    expect((await http.get('/api/v1/workflows/life')).body).toMatchObject({ version: 2 });
    // In the metadata history, like every customisation.
    expect((await http.delete('/api/v1/workflows/life')).status).toBe(204);
    expect((await http.get('/api/v1/workflows/life')).status).toBe(404);
  });

  it('dry-run: says which condition matched and what each action would do, and writes or sends nothing', async () => {
    const ana = await userId(app, AGENTS[0]);
    const created = await http.post('/api/v1/workflows', {
      id: 'preview',
      label: 'Preview',
      entity: 'ticket',
      trigger: { type: 'fieldChanged', field: 'status', to: 'escalated' },
      condition: { '==': [{ var: 'record.priority' }, 'high'] },
      actions: [
        { type: 'setFields', values: { touches: { formula: { '+': [{ var: 'record.touches' }, 10] } } } },
        { type: 'notify', to: ana, title: 'Escalated: {{record.subject}}' },
        { type: 'webhook', url: 'http://127.0.0.1:9/never-called', secret: SECRET },
        { type: 'createRecord', entity: 'task', values: { title: { formula: { cat: ['Call back about ', { var: 'record.subject' }] } } } },
      ],
    });
    expect(created.status).toBe(201);
    const t = (await http.post('/api/v1/records/ticket', { subject: 'Dry', priority: 'high', touches: 1 })).body as { id: number; version: number };
    const jobsBefore = ((await http.get('/api/v1/jobs')).body as { data: unknown[] }).data.length;

    const res = await http.post('/api/v1/workflows/preview/test', { recordId: t.id, record: { status: 'escalated' }, before: { status: 'open' } });
    expect(res.status).toBe(200);
    const dry = res.body as { triggerMatched: boolean; conditionMatched: boolean; actions: { type: string; wouldRun: boolean; payload: Record<string, unknown> }[]; sideEffects: string };
    expect(dry).toMatchObject({ triggerMatched: true, conditionMatched: true, sideEffects: 'none' });
    expect(dry.actions.map((a) => [a.type, a.wouldRun])).toEqual([
      ['setFields', true],
      ['notify', true],
      ['webhook', true],
      ['createRecord', true],
    ]);
    expect(dry.actions[0]!.payload).toEqual({ values: { touches: 11 } });
    expect(dry.actions[1]!.payload).toEqual({ to: [ana], title: 'Escalated: Dry', body: null });
    expect(JSON.parse(dry.actions[2]!.payload.body as string)).toMatchObject({ record: { subject: 'Dry', status: 'escalated' } });
    expect((dry.actions[2]!.payload.headers as Record<string, string>)['x-kith-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(dry.actions[3]!.payload).toEqual({ entity: 'task', values: { title: 'Call back about Dry' } });

    const lowPriority = await http.post('/api/v1/workflows/preview/test', { record: { subject: 'Low', priority: 'low', status: 'escalated' }, before: { status: 'open' } });
    expect(lowPriority.body).toMatchObject({ triggerMatched: true, conditionMatched: false });
    const wrongTransition = await http.post('/api/v1/workflows/preview/test', { record: { subject: 'X', priority: 'high', status: 'open' }, before: { status: 'new' } });
    expect(wrongTransition.body).toMatchObject({ triggerMatched: false });

    // Nothing happened: the record, the tasks, the notifications and the queue are as they were.
    expect((await http.get(`/api/v1/records/ticket/${t.id}`)).body).toMatchObject({ touches: 1, version: t.version, status: 'new' });
    expect(((await http.get('/api/v1/records/task')).body as { data: unknown[] }).data).toEqual([]);
    expect(((await (await agentClient(app, AGENTS[0])).get('/api/v1/notifications')).body as { data: unknown[] }).data).toEqual([]);
    expect(((await http.get('/api/v1/jobs')).body as { data: unknown[] }).data.length).toBe(jobsBefore);
  });

  it('dry-run applies the validation rules to what an action would write, and the real run fails the same way at once', async () => {
    const rule = await http.post('/api/v1/metadata/entities/task/rules', { name: 'titleNotTodo', condition: { '==': [{ var: 'title' }, 'TODO'] }, message: 'Give the task a real title.', fields: ['title'] });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    await http.post('/api/v1/workflows', { id: 'lazy-task', label: 'Lazy task', entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'createRecord', entity: 'task', values: { title: 'TODO' } }] });
    const dry = await http.post('/api/v1/workflows/lazy-task/test', { record: { subject: 'x' } });
    expect((dry.body as { actions: { wouldRun: boolean; problem: string }[] }).actions[0]).toMatchObject({ wouldRun: false, problem: expect.stringContaining('Give the task a real title.') });
    await http.post('/api/v1/records/ticket', { subject: 'triggers it' });
    await app.drain();
    const [run] = ((await http.get('/api/v1/workflows/lazy-task/runs')).body as { data: { status: string; attempts: number; error: string }[] }).data;
    expect(run).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringContaining('Give the task a real title.') });
    expect(((await http.get('/api/v1/records/task')).body as { data: unknown[] }).data).toEqual([]);
    await http.delete('/api/v1/workflows/lazy-task');
  });

  it('dry-run reports an action that would fail instead of throwing', async () => {
    await http.post('/api/v1/workflows', { id: 'mail-none', label: 'Mail to nobody', entity: 'ticket', trigger: { type: 'created' }, actions: [{ type: 'email', to: { formula: { var: 'record.customerEmail' } }, subject: 'Hi', text: 'x' }] });
    const res = await http.post('/api/v1/workflows/mail-none/test', { record: { subject: 'No email' } });
    expect(res.status).toBe(200);
    expect((res.body as { actions: { wouldRun: boolean; problem: string }[] }).actions[0]).toMatchObject({ wouldRun: false, problem: expect.stringMatching(/no valid recipient/) });
  });
});
