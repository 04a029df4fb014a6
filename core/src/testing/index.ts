/** @kith/core/testing — boot a real Kith in tests. */
export { createTestApp } from './create-test-app.js';
export type { TestApp, TestAppOptions } from './create-test-app.js';
export type { CustomisationChange } from '../metadata/customisation.js';
