export { KithError, isKithError } from './kith-error.js';
export type { ErrorDetail, KithErrorInit } from './kith-error.js';
export { Errors } from './errors.js';
