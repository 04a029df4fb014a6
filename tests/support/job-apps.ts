import { randomBytes } from 'node:crypto';
import { tokenStore } from '../../core/src/auth/token-store.js';
import { userStore } from '../../core/src/auth/user-store.js';
import { createApp, type KithApp } from '../../core/src/kernel/create-app.js';
import type { Clock } from '../../core/src/queue/clock.js';
import type { WorkerOptions } from '../../core/src/queue/worker.js';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';

/** An app whose job queue runs on `clock`, by default without a background worker: the test drives Workers. */
export interface JobApp extends KithApp {
  /** Headers of an administrator. */
  readonly adminHeaders: Readonly<Record<string, string>>;
  /** Headers of a user who is not an administrator. */
  readonly userHeaders: Readonly<Record<string, string>>;
}

async function headersFor(app: KithApp, email: string, isAdmin: boolean): Promise<Record<string, string>> {
  const token = await app.db.transaction(async (tx) => {
    // A second app on the same database (a restart, a second node) reuses the first one's user.
    const user = (await userStore.byEmail(tx, email)) ?? (await userStore.create(tx, { email, name: email, password: randomBytes(12).toString('hex'), isAdmin }));
    return (await tokenStore.issue(tx, user.id, 'api', 'tests', 3_600_000)).token;
  });
  return { authorization: `Bearer ${token}` };
}

/**
 * Boots a real app (sales fixture) for job-queue tests: the given clock and (unless `worker` is
 * given) no background worker, so nothing runs unless the test runs it and no delay needs a
 * sleep. (createTestApp does not pass these options through yet.)
 */
export async function createJobApp(databaseUrl: string, clock: Clock, worker: false | WorkerOptions = false): Promise<JobApp> {
  const app = await createApp({ databaseUrl, plugins: [salesFixture], logger: false, metadataPollMs: 0, worker, jobs: { clock } });
  return { ...app, adminHeaders: await headersFor(app, 'admin@test.kith', true), userHeaders: await headersFor(app, 'user@test.kith', false) };
}
