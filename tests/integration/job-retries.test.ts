import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { Worker } from '../../core/src/queue/worker.js';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { createJobApp, type JobApp } from '../support/job-apps.js';

const databases = await testDatabases();
const at = (clock: ManualClock, ms: number) => new Date(clock.now().getTime() + ms).toISOString();

describe.each(databases)('job retries and the jobs API on $name', (database) => {
  let app: JobApp;
  let drop: () => Promise<void>;
  let clock: ManualClock;
  let worker: Worker;
  let admin: ReturnType<typeof httpClient>;
  /** How many more calls of `charge` fail. */
  let failures = 0;
  const charged: number[] = [];

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    clock = new ManualClock();
    app = await createJobApp(fresh.url, clock);
    admin = httpClient(app.server, app.adminHeaders);
    app.jobs.registerHandler<{ invoice: number }>('charge', async (job) => {
      if (failures > 0) {
        failures--;
        throw new Error(`payment gateway down (attempt ${job.attempts})`);
      }
      charged.push(job.payload.invoice);
    });
    worker = new Worker(app.jobs, { backoff: { baseMs: 1000, maxMs: 60_000, jitter: false } });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('fails twice, backing off 1 s then 2 s, then succeeds', async () => {
    failures = 2;
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'charge', payload: { invoice: 1 } }));
    expect(await worker.runOnce()).toBe(1);
    expect(await app.jobs.get(id)).toMatchObject({ state: 'pending', attempts: 1, runAt: at(clock, 1000), lastError: 'Error: payment gateway down (attempt 1)' });
    clock.advance(999);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(await app.jobs.get(id)).toMatchObject({ state: 'pending', attempts: 2, runAt: at(clock, 2000) });
    clock.advance(2000);
    expect(await worker.runOnce()).toBe(1);
    // The last failure stays visible after the success.
    expect(await app.jobs.get(id)).toMatchObject({ state: 'done', attempts: 3, lastError: 'Error: payment gateway down (attempt 2)' });
    expect(charged).toEqual([1]);
  });

  it('is parked as dead after its last attempt, listed for administrators, and runs again when retried', async () => {
    failures = 3;
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'charge', payload: { invoice: 2 }, maxAttempts: 3 }));
    for (const wait of [0, 1000, 2000]) {
      clock.advance(wait);
      expect(await worker.runOnce()).toBe(1);
    }
    const diedAt = clock.now().toISOString();
    clock.advance(3_600_000);
    expect(await worker.runOnce()).toBe(0);
    const dead = await admin.get('/api/v1/jobs?state=dead');
    expect(dead.status).toBe(200);
    expect(dead.body.data).toEqual([expect.objectContaining({ id, kind: 'charge', state: 'dead', attempts: 3, payload: { invoice: 2 }, lastError: 'Error: payment gateway down (attempt 3)', finishedAt: diedAt })]);
    expect((await admin.get(`/api/v1/jobs/${id}`)).body).toEqual(dead.body.data[0]);

    const user = httpClient(app.server, app.userHeaders);
    expect((await user.get('/api/v1/jobs')).status).toBe(403);
    expect((await user.get(`/api/v1/jobs/${id}`)).status).toBe(403);
    expect((await user.post(`/api/v1/jobs/${id}/retry`)).body.code).toBe('KITH_FORBIDDEN');
    expect((await app.jobs.get(id))?.state).toBe('dead');

    const retried = await admin.post(`/api/v1/jobs/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, state: 'pending', attempts: 0, runAt: clock.now().toISOString(), finishedAt: null });
    expect(await worker.runOnce()).toBe(1);
    expect(charged).toEqual([1, 2]);
    expect((await admin.get(`/api/v1/jobs/${id}`)).body).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('refuses to retry a job that is not dead, or does not exist', async () => {
    const [done] = (await admin.get('/api/v1/jobs?state=done&kind=charge&limit=1')).body.data;
    const again = await admin.post(`/api/v1/jobs/${done.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'KITH_JOB_NOT_DEAD', state: 'done' });
    expect((await admin.post('/api/v1/jobs/999999/retry')).body.code).toBe('KITH_JOB_NOT_FOUND');
    expect((await admin.get('/api/v1/jobs/abc')).status).toBe(404);
  });

  it('lists newest first, page by page, and refuses bad filters', async () => {
    const first = await admin.get('/api/v1/jobs?limit=1');
    const second = await admin.get(`/api/v1/jobs?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].id).toBeLessThan(first.body.data[0].id);
    expect(second.body.nextCursor).toBeNull();
    expect((await admin.get('/api/v1/jobs?state=stuck')).body).toMatchObject({ code: 'KITH_QUERY_INVALID', field: 'state' });
    expect((await admin.get('/api/v1/jobs?limit=0')).status).toBe(400);
    expect((await admin.get('/api/v1/jobs?sort=id')).status).toBe(400);
  });
});
