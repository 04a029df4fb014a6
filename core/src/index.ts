/** @kith/core — the Kith kernel. */
export { createApp } from './kernel/create-app.js';
export type { AppOptions, KithApp } from './kernel/create-app.js';
export { readSettings } from './kernel/settings.js';
export type { Settings } from './kernel/settings.js';
export { KITH_VERSION } from './kernel/version.js';
export { KithError, isKithError, Errors } from './errors/index.js';
export type { ErrorDetail } from './errors/index.js';
export { RecordService } from './data/record-service.js';
export { MetadataRegistry } from './metadata/registry.js';
export { MetadataService } from './metadata/metadata-service.js';
export type { Actor, Channel } from './data/actor.js';
export type { CustomisationChange, Customisation, CustomisationConflict } from './metadata/customisation.js';
export { applyCustomisations } from './metadata/apply-customisations.js';
export { JobQueue, Worker, ManualClock } from './queue/index.js';
export type { Job, JobContext, JobHandler, WorkerOptions } from './queue/index.js';
