import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/src/queue/clock.js';
import { Worker } from '../../core/src/queue/worker.js';
import { testDatabases } from '../support/databases.js';
import { createJobApp, type JobApp } from '../support/job-apps.js';

const databases = await testDatabases();
const JOBS = 1000;

/**
 * On PostgreSQL two nodes (two apps, two connection pools) share one queue and their claims race
 * through FOR UPDATE SKIP LOCKED. SQLite runs one process per file (a second app in the same
 * process would block the event loop in SQLite's busy wait while the first holds the write lock),
 * so there the two workers share one node and race through its single writer.
 */
describe.each(databases)('two workers racing over one $name queue', (database) => {
  let nodes: JobApp[];
  let drop: () => Promise<void>;
  /** Every handler call, by job id, across both nodes. */
  const calls: number[] = [];

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    const clock = new ManualClock();
    const first = await createJobApp(fresh.url, clock);
    nodes = database.name === 'postgresql' ? [first, await createJobApp(fresh.url, clock)] : [first];
    await nodes[0]!.db.transaction((tx) => tx.run('CREATE TABLE "job_effect" ("job_id" bigint PRIMARY KEY, "worker" varchar(100) NOT NULL)', []));
    for (const node of nodes) {
      node.jobs.registerHandler('effect', async (job) => {
        calls.push(job.id);
        // The primary key makes a second run of any job fail loudly, not only count twice.
        await node.db.transaction(async (tx) => {
          const p = tx.dialect === 'postgresql' ? ['$1', '$2'] : ['?1', '?2'];
          await tx.run(`INSERT INTO "job_effect" ("job_id", "worker") VALUES (${p[0]}, ${p[1]})`, [job.id, job.lockedBy]);
        });
      });
    }
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await drop();
  });

  it(`runs each of ${JOBS} jobs exactly once, all done`, async () => {
    const a = nodes[0]!;
    const b = nodes[1] ?? a;
    await a.db.transaction(async (tx) => {
      for (let n = 0; n < JOBS; n++) await a.jobs.enqueue(tx, { kind: 'effect', payload: { n } });
    });
    const workers = [new Worker(a.jobs, { id: 'worker-a', batchSize: 10 }), new Worker(b.jobs, { id: 'worker-b', batchSize: 10 })];
    const claimed = await Promise.all(workers.map((w) => w.drain()));

    expect(claimed[0]! + claimed[1]!).toBe(JOBS);
    expect(calls).toHaveLength(JOBS);
    expect(new Set(calls).size).toBe(JOBS);
    expect(await a.jobs.counts()).toEqual({ pending: 0, running: 0, done: JOBS, dead: 0 });
    const effects = await a.db.reader.all('SELECT "worker", COUNT(*) FROM "job_effect" GROUP BY "worker" ORDER BY "worker"', []);
    expect(effects.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(JOBS);
    // Both workers took a share: the race was real.
    expect(effects.map(([w]) => w)).toEqual(['worker-a', 'worker-b']);
  });
});
