import { KithError, type ErrorDetail } from '../errors/index.js';

/** Named factories for workflow errors; every code is `KITH_WORKFLOW_*` and stable API. */
export const WorkflowErrors = {
  invalid: (what: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_WORKFLOW_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${what}: ${errors[0]!.message}` : `${what} has ${errors.length} problems: ${errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`,
      errors,
    }),

  notFound: (id: string) =>
    new KithError({ code: 'KITH_WORKFLOW_NOT_FOUND', status: 404, message: `There is no workflow "${id}". GET /api/v1/workflows lists them.` }),

  runNotFound: (id: unknown) => new KithError({ code: 'KITH_WORKFLOW_RUN_NOT_FOUND', status: 404, message: `There is no workflow run ${String(id)}.` }),

  exists: (id: string) =>
    new KithError({ code: 'KITH_WORKFLOW_EXISTS', status: 409, field: 'id', message: `A workflow with id "${id}" already exists; choose another id (or PATCH that workflow).` }),

  wrongTrigger: (id: string, expected: string, actual: string) =>
    new KithError({ code: 'KITH_WORKFLOW_WRONG_TRIGGER', status: 409, message: `Workflow "${id}" is triggered by "${actual}", not "${expected}".` }),

  disabled: (id: string) => new KithError({ code: 'KITH_WORKFLOW_DISABLED', status: 409, message: `Workflow "${id}" is disabled; enable it first (PATCH with "enabled": true).` }),

  notRemovable: (id: string, source: string) =>
    new KithError({ code: 'KITH_WORKFLOW_NOT_REMOVABLE', status: 400, message: `Workflow "${id}" belongs to ${source}; disable it instead (PATCH with "enabled": false).` }),

  badSignature: () =>
    new KithError({
      code: 'KITH_WORKFLOW_BAD_SIGNATURE',
      status: 401,
      message: 'The X-Kith-Signature header is missing or does not match: send "sha256=" + the hex HMAC-SHA256 of the raw body, keyed with the workflow\'s secret.',
    }),

  /** A step failed; `permanent` ones are not retried (retrying cannot help). */
  actionFailed: (index: number, type: string, message: string, permanent = false) =>
    new KithError({ code: permanent ? 'KITH_WORKFLOW_ACTION_INVALID' : 'KITH_WORKFLOW_ACTION_FAILED', status: 500, message: `Action ${index + 1} (${type}) failed: ${message}`, extra: { index, type, permanent } }),

  mailNotConfigured: () =>
    new KithError({ code: 'KITH_WORKFLOW_MAIL_NOT_CONFIGURED', status: 500, message: 'No SMTP server is configured: set KITH_SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) and KITH_MAIL_FROM.' }),
} as const;
