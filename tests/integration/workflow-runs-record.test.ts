import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { AGENT_PASSWORD, agentClient, AGENTS, createWorkflowApp } from '../support/workflow-apps.js';

const databases = await testDatabases();

/** GET /api/v1/workflow-runs?entity=&recordId=: the runs on one record, for whoever may read it (the record page's timeline). */
describe.each(databases)('the workflow runs of a record on $name', (database) => {
  let app: Awaited<ReturnType<typeof createWorkflowApp>>;
  let admin: ReturnType<typeof httpClient>;

  beforeEach(async () => {
    const { url } = await database.fresh();
    app = await createWorkflowApp(url, new ManualClock('2030-03-04T09:00:00Z'));
    admin = httpClient(app.server, app.adminHeaders);
    const added = await admin.post('/api/v1/workflows', {
      id: 'triage',
      label: { en: 'Triage', es: 'Clasificar' },
      entity: 'ticket',
      trigger: { type: 'created' },
      actions: [{ type: 'setFields', values: { status: 'open' } }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  });
  afterEach(async () => {
    await app.close();
  });

  const ticket = async (subject: string) => ((await admin.post('/api/v1/records/ticket', { subject, priority: 'low' })).body as { id: number }).id;
  const runsOf = (id: number) => `/api/v1/workflow-runs?entity=ticket&recordId=${id}`;

  it('lists only that record’s runs: whole for an administrator, a summary without inputs or results for a reader', async () => {
    const mine = await ticket('Printer');
    const other = await ticket('Server');
    await app.drain();

    const full = await admin.get(runsOf(mine));
    expect(full.status).toBe(200);
    expect(full.body.data).toHaveLength(1);
    expect(full.body.data[0]).toMatchObject({ workflowId: 'triage', workflowLabel: { en: 'Triage', es: 'Clasificar' }, entity: 'ticket', recordId: mine, status: 'succeeded', steps: [expect.objectContaining({ type: 'setFields' })] });

    const agent = await agentClient(app, AGENTS[0]);
    const summary = await agent.get(runsOf(other));
    expect(summary.status).toBe(200);
    expect(summary.body.data).toEqual([
      { id: expect.any(Number), workflowId: 'triage', workflowLabel: { en: 'Triage', es: 'Clasificar' }, entity: 'ticket', recordId: other, status: 'succeeded', error: null, startedAt: expect.any(String), finishedAt: expect.any(String) },
    ]);
    expect(summary.body.nextCursor).toBeNull();
    // Without a record, the run history stays an administrator's.
    expect((await agent.get('/api/v1/workflow-runs')).status).toBe(403);
  });

  it('answers 404 to someone who cannot read the record, as the record itself does', async () => {
    const id = await ticket('Confidential');
    await app.drain();
    expect((await admin.post('/api/v1/metadata/roles', { name: 'requester', grants: { ticket: { create: 'own', read: 'own', edit: 'own', delete: 'none' } } })).status).toBe(201);
    expect((await admin.post('/api/v1/users', { email: 'req@desk.test', name: 'Requester', password: AGENT_PASSWORD, roles: ['requester'] })).status).toBe(201);
    const requester = await agentClient(app, 'req@desk.test');
    expect((await requester.get(`/api/v1/records/ticket/${id}`)).status).toBe(404);
    const res = await requester.get(runsOf(id));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('KITH_RECORD_NOT_FOUND');
    // Their own ticket's runs they see.
    const own = ((await requester.post('/api/v1/records/ticket', { subject: 'Mine', priority: 'low' })).body as { id: number }).id;
    await app.drain();
    expect(((await requester.get(runsOf(own))).body as { data: { status: string }[] }).data.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('asks for entity and recordId together', async () => {
    expect((await admin.get('/api/v1/workflow-runs?entity=ticket')).status).toBe(400);
    expect((await admin.get('/api/v1/workflow-runs?recordId=1')).status).toBe(400);
    expect((await admin.get('/api/v1/workflow-runs?entity=ticket&recordId=x')).status).toBe(400);
    expect((await admin.get('/api/v1/workflow-runs?entity=nothing&recordId=1')).status).toBe(404);
  });
});
