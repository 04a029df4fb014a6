import { defineAction, defineEntity, defineOperation, definePlugin } from '@kith/sdk';
import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { Worker } from '../../core/src/queue/worker.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';

const databases = await testDatabases();

/** What the plugin action did, in the test process. */
const calls: { params: unknown; key: string; subject: unknown }[] = [];

const order = defineEntity({
  name: 'order',
  fields: {
    subject: { type: 'text', required: true },
    total: { type: 'decimal' },
    tier: { type: 'text' },
    stamped: { type: 'text' },
    // The plugin's own operation in its own formula: known before the metadata is checked.
    tierNow: { type: 'computed', resultType: 'text', formula: { 'order-automation.tier': [{ var: 'total' }] } },
  },
});

const automation = definePlugin({
  id: 'order-automation',
  version: '1.0.0',
  entities: [order],
  operations: [defineOperation({ name: 'tier', fn: (total) => (Number(total) >= 1000 ? 'gold' : 'standard') })],
  actions: [
    defineAction({
      name: 'stamp',
      check: (params) => (typeof params.prefix === 'string' ? [] : ['"prefix" is required text']),
      run: async (params, ctx) => {
        calls.push({ params, key: ctx.idempotencyKey, subject: ctx.record?.subject });
        return { stamped: `${String(params.prefix)}-${String(ctx.record?.id)}` };
      },
      preview: (params, ctx) => ({ wouldStamp: `${String(params.prefix)}-${String(ctx.record?.id ?? 'new')}` }),
    }),
  ],
  workflows: [
    {
      id: 'classify',
      label: 'Classify orders',
      entity: 'order',
      trigger: { type: 'created' },
      condition: { '==': [{ 'order-automation.tier': [{ var: 'record.total' }] }, 'gold'] },
      actions: [
        { type: 'setFields', values: { tier: { formula: { 'order-automation.tier': [{ var: 'record.total' }] } } } },
        { type: 'order-automation.stamp', params: { prefix: 'G' } },
      ],
    },
  ],
});

const broken = definePlugin({
  id: 'broken-automation',
  version: '1.0.0',
  entities: [defineEntity({ name: 'thing', fields: { name: { type: 'text' } } })],
  workflows: [{ id: 'bad', entity: 'thing', trigger: { type: 'schedule', cron: 'every tuesday' }, actions: [{ type: 'setFields', values: { nope: 1 } }] }],
});

describe.each(databases)('plugin workflows, actions and operations on $name', (database) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    calls.length = 0;
  });

  it('runs a plugin base workflow whose condition and formula use the plugin operation and whose step is the plugin action', async () => {
    const { url } = await database.fresh();
    app = await createTestApp({ plugins: [automation], databaseUrl: url, jobs: { clock: new ManualClock() }, worker: false });
    const http = httpClient(app.server, app.adminHeaders);
    const listed = (await http.get('/api/v1/workflows')).body as { data: { id: string; source: string; version: number }[] };
    expect(listed.data).toEqual([expect.objectContaining({ id: 'order-automation.classify', source: 'plugin:order-automation', version: 1 })]);

    await http.post('/api/v1/records/order', { subject: 'small', total: 10 });
    const big = (await http.post('/api/v1/records/order', { subject: 'big', total: 2500 })).body as { id: number };
    await new Worker(app.jobs).drain();
    expect((await http.get(`/api/v1/records/order/${big.id}`)).body).toMatchObject({ tier: 'gold', tierNow: 'gold' });
    expect(calls).toEqual([{ params: { prefix: 'G' }, key: expect.stringMatching(/:1$/), subject: 'big' }]);
    const runs = (await http.get('/api/v1/workflows/order-automation.classify/runs')).body as { data: { status: string; steps: { type: string; result: unknown }[] }[] };
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]!.steps[1]).toMatchObject({ type: 'order-automation.stamp', result: { stamped: `G-${big.id}` } });

    // Dry-run shows the action's preview and calls nothing.
    const dry = (await http.post('/api/v1/workflows/order-automation.classify/test', { record: { subject: 'x', total: 5000 } })).body as { actions: { payload: unknown }[] };
    expect(dry.actions[1]!.payload).toEqual({ wouldStamp: 'G-new' });
    expect(calls).toHaveLength(1);

    // A consultant may switch a plugin's workflow off (a new version), not remove it.
    expect((await http.delete('/api/v1/workflows/order-automation.classify')).body).toMatchObject({ code: 'KITH_WORKFLOW_NOT_REMOVABLE' });
    expect((await http.patch('/api/v1/workflows/order-automation.classify', { enabled: false })).body).toMatchObject({ enabled: false, version: 2 });
    await http.post('/api/v1/records/order', { subject: 'big again', total: 9999 });
    expect(await new Worker(app.jobs).drain()).toBe(0);

    // A custom workflow may use the plugin's action; its params are checked by the plugin when saved.
    const bad = await http.post('/api/v1/workflows', { id: 'custom-stamp', label: 'Stamp', entity: 'order', trigger: { type: 'created' }, actions: [{ type: 'order-automation.stamp', params: {} }] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'KITH_WORKFLOW_INVALID', errors: [expect.objectContaining({ field: 'actions[0].params', message: '"prefix" is required text' })] });
  });

  it('leaves out a plugin whose base workflow does not fit, naming it in health; the server runs with the rest', async () => {
    const { url } = await database.fresh();
    app = await createTestApp({ plugins: [automation, broken], databaseUrl: url, worker: false });
    const health = (await httpClient(app.server, {}).get('/api/v1/health')).body as { plugins: { name: string; state: string; error?: string }[] };
    const failed = health.plugins.find((p) => p.name === 'broken-automation')!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/workflows\[0\]\.trigger\.cron/);
    expect(failed.error).toMatch(/workflows\[0\]\.actions\[0\]\.values\.nope/);
    expect(health.plugins.find((p) => p.name === 'order-automation')!.state).toBe('enabled');
    const http = httpClient(app.server, app.adminHeaders);
    expect((await http.post('/api/v1/records/order', { subject: 'still works', total: 1 })).status).toBe(201);
    expect(((await http.get('/api/v1/workflows')).body as { data: { id: string }[] }).data.map((w) => w.id)).toEqual(['order-automation.classify']);
  });
});
