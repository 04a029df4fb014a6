import { createTestApp, type TestApp } from '@kith/core/testing';
import { userStore } from '../../core/src/auth/user-store.js';
import type { ManualClock } from '../../core/src/queue/clock.js';
import { Worker } from '../../core/src/queue/worker.js';
import { serviceFixture } from '../fixtures/plugins/service-fixture.js';
import { httpClient } from './http.js';

export const AGENT_PASSWORD = 'correct horse battery';
export const AGENTS = ['ana@desk.test', 'bruno@desk.test', 'carla@desk.test'] as const;

/** A service-desk app on `url` whose queue runs on `clock` with no background worker: the test drains it. */
export async function createWorkflowApp(url: string, clock: ManualClock, mail?: { url: string; from: string }): Promise<TestApp & { drain: () => Promise<number> }> {
  const app = await createTestApp({
    plugins: [serviceFixture],
    databaseUrl: url,
    jobs: { clock },
    worker: false,
    ...(mail ? { mail } : {}),
    initialUsers: AGENTS.map((email) => ({ email, password: AGENT_PASSWORD, name: email.split('@')[0]!, roles: ['agent'], teams: ['desk'] })),
  });
  // Retries are due at once on the manual clock's time, so a drain runs every attempt.
  const worker = new Worker(app.jobs, { backoff: { baseMs: 0, maxMs: 0 }, id: 'test-worker' });
  return Object.assign(app, { drain: () => worker.drain() });
}

/** The id of a user created by createWorkflowApp. */
export async function userId(app: TestApp, email: string): Promise<number> {
  return (await userStore.byEmail(app.db.reader, email))!.id;
}

/** An HTTP client signed in as one of the agents. */
export async function agentClient(app: TestApp, email: string) {
  const login = await httpClient(app.server, {}).post('/api/v1/auth/login', { email, password: AGENT_PASSWORD });
  return httpClient(app.server, { authorization: `Bearer ${(login.body as { token: string }).token}` });
}
