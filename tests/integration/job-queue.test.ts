import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/src/data/actor.js';
import { ManualClock } from '../../core/src/queue/clock.js';
import type { Job, JobContext } from '../../core/src/queue/job-types.js';
import { Worker } from '../../core/src/queue/worker.js';
import { testDatabases } from '../support/databases.js';
import { createJobApp, type JobApp } from '../support/job-apps.js';

const databases = await testDatabases();
const MINUTE = 60_000;

describe.each(databases)('the job queue on $name', (database) => {
  let url: string;
  let drop: () => Promise<void>;
  let clock: ManualClock;
  const open: JobApp[] = [];
  /** Side effects of the handlers, in the test process, so they survive an app "restart". */
  let effects: number[];

  /** Boots a node on the test's database with a `note` handler that records its job's payload. */
  const boot = async () => {
    const app = await createJobApp(url, clock);
    app.jobs.registerHandler<{ n: number }>('note', async (job) => {
      effects.push(job.payload.n);
    });
    open.push(app);
    return app;
  };
  const restart = async (app: JobApp) => {
    await app.close();
    open.splice(open.indexOf(app), 1);
    return boot();
  };

  beforeEach(async () => {
    ({ url, drop } = await database.fresh());
    clock = new ManualClock();
    effects = [];
  });
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
    await drop();
  });

  it('enqueues in the caller\'s transaction: a rollback leaves no job (nor the record), a commit runs it once', async () => {
    const app = await boot();
    await expect(
      app.db.transaction(async (tx) => {
        await app.records.create('deal', { title: 'lost' }, SYSTEM_ACTOR, tx);
        await app.jobs.enqueue(tx, { kind: 'note', payload: { n: 1 } });
        throw new Error('the write fails after the enqueue');
      }),
    ).rejects.toThrow(/write fails/);
    expect(await app.jobs.list({ limit: 10 })).toEqual([]);
    expect((await app.records.list('deal', {}, SYSTEM_ACTOR)).data).toEqual([]);

    const id = await app.db.transaction(async (tx) => {
      await app.records.create('deal', { title: 'kept' }, SYSTEM_ACTOR, tx);
      return app.jobs.enqueue(tx, { kind: 'note', payload: { n: 2 } });
    });
    const worker = new Worker(app.jobs);
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    expect(effects).toEqual([2]);
    expect(await app.jobs.get(id)).toMatchObject({ state: 'done', attempts: 1, lockedBy: worker.id, lockedUntil: null, finishedAt: clock.now().toISOString() });
  });

  it('a node stopped after the commit, before the action: the action runs after the restart, once', async () => {
    const app = await boot();
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'note', payload: { n: 3 } }));
    const next = await restart(app);
    expect(await new Worker(next.jobs).drain()).toBe(1);
    expect(effects).toEqual([3]);
    expect((await next.jobs.get(id))?.state).toBe('done');
  });

  it('a worker that dies after claiming: the job waits for the lease, then runs once on another node', async () => {
    const app = await boot();
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'note', payload: { n: 4 } }));
    const doomed = new Worker(app.jobs, { leaseMs: 5 * MINUTE });
    expect((await doomed.claim()).map((j) => j.id)).toEqual([id]);
    const next = await restart(app);
    const survivor = new Worker(next.jobs, { leaseMs: 5 * MINUTE });
    expect(await survivor.drain()).toBe(0); // still leased to the dead worker
    clock.advance(5 * MINUTE - 1);
    expect(await survivor.drain()).toBe(0);
    clock.advance(1);
    expect(await survivor.drain()).toBe(1);
    expect(await survivor.drain()).toBe(0);
    expect(effects).toEqual([4]);
    expect(await next.jobs.get(id)).toMatchObject({ state: 'done', attempts: 2, lockedBy: survivor.id });
  });

  it('a job whose workers keep dying is parked as dead once its attempts are used up', async () => {
    const app = await boot();
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'note', payload: { n: 5 }, maxAttempts: 2 }));
    for (let i = 0; i < 2; i++) {
      expect(await new Worker(app.jobs, { leaseMs: MINUTE }).claim()).toHaveLength(1);
      clock.advance(MINUTE);
    }
    expect(await new Worker(app.jobs).drain()).toBe(1);
    expect(effects).toEqual([]);
    expect(await app.jobs.get(id)).toMatchObject({ state: 'dead', lastError: expect.stringMatching(/^KITH_JOB_LEASE_EXPIRED: /) });
  });

  it('one job per idempotency key; the key a handler gets is stable across retries', async () => {
    const app = await boot();
    const keys: string[] = [];
    app.jobs.registerHandler('flaky', async (job: Job, ctx: JobContext) => {
      keys.push(ctx.idempotencyKey);
      if (job.attempts === 1) throw new Error('remote timeout');
    });
    const first = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'flaky', payload: {}, idempotencyKey: 'deal-9-welcome' }));
    const again = await app.db.transaction(async (tx) => [
      await app.jobs.enqueue(tx, { kind: 'flaky', payload: { other: true }, idempotencyKey: 'deal-9-welcome' }),
      await app.jobs.enqueue(tx, { kind: 'flaky', payload: {} }),
    ]);
    expect(again[0]).toBe(first);
    expect(await app.jobs.list({ kind: 'flaky', limit: 10 })).toHaveLength(2);

    const worker = new Worker(app.jobs, { backoff: { baseMs: 1000, jitter: false } });
    await worker.drain();
    clock.advance(1000);
    await worker.drain();
    expect(keys).toHaveLength(4);
    expect(keys.filter((k) => k === 'deal-9-welcome')).toHaveLength(2);
    expect(keys.filter((k) => k === `kith-job-${again[1]}`)).toHaveLength(2);
    expect((await app.jobs.counts()).done).toBe(2);
  });

  it('a delayed job waits for its time, across a restart', async () => {
    const app = await boot();
    const runAt = new Date(clock.now().getTime() + 60 * MINUTE);
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'note', payload: { n: 6 }, runAt }));
    expect(await new Worker(app.jobs).drain()).toBe(0);
    clock.advance(59 * MINUTE);
    expect(await new Worker(app.jobs).drain()).toBe(0);
    const next = await restart(app);
    expect(await new Worker(next.jobs).drain()).toBe(0);
    clock.advance(MINUTE);
    expect(await new Worker(next.jobs).drain()).toBe(1);
    expect(effects).toEqual([6]);
    expect(await next.jobs.get(id)).toMatchObject({ state: 'done', runAt: runAt.toISOString() });
  });

  it('a cascade that enqueues itself stops at the bound with a visible dead job', async () => {
    const app = await boot();
    let calls = 0;
    app.jobs.registerHandler<{ step: number }>('echo', async (job, ctx) => {
      calls++;
      ctx.enqueue('echo', { step: job.payload.step + 1 });
    });
    await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'echo', payload: { step: 0 } }));
    await new Worker(app.jobs).drain();
    const jobs = await app.jobs.list({ kind: 'echo', limit: 50 });
    expect(calls).toBe(app.jobs.maxDepth + 1);
    expect(jobs.map((j) => j.depth)).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(jobs.filter((j) => j.state === 'done')).toHaveLength(8);
    expect(jobs[0]).toMatchObject({ state: 'dead', depth: 8, attempts: 1, lastError: expect.stringMatching(/^KITH_JOB_CASCADE_LIMIT: /) });
    await expect(app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'echo', payload: { step: 0 }, depth: 9 }))).rejects.toMatchObject({ code: 'KITH_JOB_CASCADE_LIMIT' });
  });

  it('a failed attempt enqueues nothing; the successful one commits its follow-ups with it', async () => {
    const app = await boot();
    let attempt = 0;
    app.jobs.registerHandler('parent', async (_job: Job, ctx: JobContext) => {
      attempt++;
      ctx.enqueue('note', { n: 100 + attempt });
      if (attempt === 1) throw new Error('fails after enqueuing');
    });
    await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'parent', payload: {} }));
    const worker = new Worker(app.jobs, { backoff: { baseMs: 10, jitter: false } });
    await worker.drain();
    clock.advance(10);
    await worker.drain();
    expect(effects).toEqual([102]);
    expect((await app.jobs.list({ kind: 'note', limit: 10 })).map((j) => j.depth)).toEqual([1]);
  });

  it("the app's own worker runs due jobs in the background and stops with the app", async () => {
    const app = await createJobApp(url, clock, { pollMs: 5 });
    open.push(app);
    app.jobs.registerHandler<{ n: number }>('note', async (job) => {
      effects.push(job.payload.n);
    });
    expect(app.worker).toBeDefined();
    await app.db.transaction(async (tx) => {
      await app.jobs.enqueue(tx, { kind: 'note', payload: { n: 7 } });
      await app.jobs.enqueue(tx, { kind: 'note', payload: { n: 8 }, runAt: new Date(clock.now().getTime() + MINUTE) });
    });
    await vi.waitFor(() => expect(effects).toEqual([7]), { timeout: 5000, interval: 5 });
    clock.advance(MINUTE);
    await vi.waitFor(() => expect(effects).toEqual([7, 8]), { timeout: 5000, interval: 5 });
    await app.worker!.stop();
    await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'note', payload: { n: 9 } }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(effects).toEqual([7, 8]);
    expect((await app.jobs.counts()).pending).toBe(1);
  });

  it('a worker that overruns its lease does not overwrite the outcome of the worker that took the job over', async () => {
    const app = await boot();
    const warnings: string[] = [];
    const log = { warn: (_d: object, message: string) => warnings.push(message), error: (_d: object, message: string) => warnings.push(message) };
    const slow = new Worker(app.jobs, { id: 'slow', leaseMs: MINUTE, log });
    const other = new Worker(app.jobs, { id: 'other', leaseMs: MINUTE, log });
    let calls = 0;
    app.jobs.registerHandler('overrun', async (_job: Job, ctx: JobContext) => {
      calls++;
      ctx.enqueue('note', { n: calls });
      if (calls === 1) {
        clock.advance(MINUTE); // the slow attempt outlives its lease…
        expect(await other.runOnce()).toBe(1); // …and another worker runs the job meanwhile
        throw new Error('late failure');
      }
    });
    const id = await app.db.transaction((tx) => app.jobs.enqueue(tx, { kind: 'overrun', payload: {} }));
    expect(await slow.runOnce()).toBe(1);
    expect(calls).toBe(2);
    expect(await app.jobs.get(id)).toMatchObject({ state: 'done', lockedBy: 'other', lastError: null });
    expect((await app.jobs.list({ kind: 'note', limit: 10 })).map((j) => j.payload)).toEqual([{ n: 2 }]);
    expect(warnings).toEqual([expect.stringMatching(/attempt failed/), expect.stringMatching(/after their lease ended/)]);
  });
});
