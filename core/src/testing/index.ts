/** @kith/core/testing — boot a real Kith in tests. */
export { createTestApp } from './create-test-app.js';
export type { TestApp, TestAppOptions } from './create-test-app.js';
export type { CustomisationChange } from '../metadata/customisation.js';
/** For plugin tests that drive time and the job queue themselves (`jobs: { clock }`, `worker: false`). */
export { ManualClock } from '../queue/clock.js';
export { Worker } from '../queue/worker.js';
