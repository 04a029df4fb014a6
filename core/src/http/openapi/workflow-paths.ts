import { NewWorkflowBody, WorkflowPatchBody, WorkflowRunBody, WorkflowTestBody } from '../../workflows/workflow-inputs.js';
import { problems } from './components.js';
import { jsonContent, plainSchema, schemaRef, type JsonObject } from './json-schema.js';

/** The tag of the workflow, run, notification and job endpoints. */
export const WORKFLOW_TAG = 'Workflows';

const PAGE = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'The `nextCursor` of the previous page.' },
];
const ID = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const page = (item: string) => ({ type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', items: schemaRef(item) }, nextCursor: { type: ['string', 'null'] } } });
const ok = (description: string, schema?: JsonObject) => ({ description, ...(schema ? { content: jsonContent(schema) } : {}) });
const body = (schema: JsonObject) => ({ required: true, content: jsonContent(schema) });

/** The schemas of these endpoints, `components.schemas`. */
export function workflowSchemas(): JsonObject {
  return {
    Workflow: {
      type: 'object',
      required: ['id', 'label', 'trigger', 'actions', 'enabled', 'version', 'source'],
      description: 'A workflow (see docs/workflows.md). Secrets are shown as `…last4`.',
      properties: {
        id: { type: 'string' },
        label: schemaRef('Labels'),
        description: { type: 'string' },
        entity: { type: 'string' },
        trigger: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['created', 'updated', 'deleted', 'fieldChanged', 'schedule', 'relativeTime', 'manual', 'webhook'] } } },
        condition: { description: 'JsonLogic over `{ record, before, trigger, now }`.' },
        actions: { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } },
        enabled: { type: 'boolean' },
        version: { type: 'integer', description: 'Goes up with every change; each run records the version it ran.' },
        source: { type: 'string' },
      },
    },
    WorkflowRun: {
      type: 'object',
      required: ['id', 'workflowId', 'workflowVersion', 'jobId', 'trigger', 'status', 'attempts', 'steps', 'startedAt'],
      properties: {
        id: { type: 'integer' },
        workflowId: { type: 'string' },
        workflowVersion: { type: 'integer' },
        jobId: { type: 'integer' },
        trigger: { type: 'object' },
        entity: { type: ['string', 'null'] },
        recordId: { type: ['integer', 'null'] },
        status: { type: 'string', enum: ['running', 'retrying', 'succeeded', 'failed', 'skipped'] },
        attempts: { type: 'integer' },
        steps: {
          type: 'array',
          items: { type: 'object', required: ['index', 'type', 'durationMs', 'at'], properties: { index: { type: 'integer' }, type: { type: 'string' }, input: {}, result: {}, error: { type: 'string' }, durationMs: { type: 'number' }, at: { type: 'string', format: 'date-time' } } },
        },
        error: { type: ['string', 'null'] },
        startedAt: { type: 'string', format: 'date-time' },
        finishedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    WorkflowDryRun: {
      type: 'object',
      required: ['workflow', 'triggerMatched', 'conditionMatched', 'actions', 'sideEffects'],
      properties: {
        workflow: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' } } },
        triggerMatched: { type: 'boolean' },
        conditionMatched: { type: 'boolean' },
        conditionError: { type: 'string' },
        actions: { type: 'array', items: { type: 'object', required: ['index', 'type', 'wouldRun'], properties: { index: { type: 'integer' }, type: { type: 'string' }, wouldRun: { type: 'boolean' }, payload: {}, problem: { type: 'string' } } } },
        sideEffects: { type: 'string', enum: ['none'] },
      },
    },
    Notification: {
      type: 'object',
      required: ['id', 'userId', 'title', 'createdAt'],
      properties: { id: { type: 'integer' }, userId: { type: 'integer' }, title: { type: 'string' }, body: { type: ['string', 'null'] }, entity: { type: ['string', 'null'] }, recordId: { type: ['integer', 'null'] }, workflowId: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, readAt: { type: ['string', 'null'], format: 'date-time' } },
    },
    Job: {
      type: 'object',
      required: ['id', 'kind', 'state', 'attempts', 'maxAttempts', 'runAt'],
      properties: { id: { type: 'integer' }, kind: { type: 'string' }, payload: {}, state: { type: 'string', enum: ['pending', 'running', 'done', 'dead'] }, attempts: { type: 'integer' }, maxAttempts: { type: 'integer' }, runAt: { type: 'string', format: 'date-time' }, lastError: { type: ['string', 'null'] }, depth: { type: 'integer' } },
    },
  };
}

/** Workflows, their runs and dry-run, the inbound hook, notifications and the job queue. */
export function workflowPaths(): JsonObject {
  const tags = [WORKFLOW_TAG];
  return {
    '/api/v1/workflows': {
      get: { tags, operationId: 'listWorkflows', summary: 'Every workflow (administrators)', responses: { 200: ok('The workflows.', { type: 'object', properties: { data: { type: 'array', items: schemaRef('Workflow') } } }), ...problems(401, 403) } },
      post: { tags, operationId: 'addWorkflow', summary: 'Add a workflow (a customisation, version 1)', requestBody: body(plainSchema(NewWorkflowBody)), responses: { 201: ok('Added.', schemaRef('Workflow')), ...problems(400, 401, 403, 409) } },
    },
    '/api/v1/workflows/{id}': {
      parameters: ID,
      get: { tags, operationId: 'getWorkflow', summary: 'One workflow', responses: { 200: ok('The workflow.', schemaRef('Workflow')), ...problems(401, 403, 404) } },
      patch: { tags, operationId: 'changeWorkflow', summary: 'Change a workflow (a new version)', requestBody: body(plainSchema(WorkflowPatchBody)), responses: { 200: ok('Changed.', schemaRef('Workflow')), ...problems(400, 401, 403, 404) } },
      delete: { tags, operationId: 'removeWorkflow', summary: 'Remove a custom workflow (a plugin workflow is disabled instead)', responses: { 204: ok('Removed.'), ...problems(400, 401, 403, 404) } },
    },
    '/api/v1/workflows/{id}/test': {
      parameters: ID,
      post: { tags, operationId: 'testWorkflow', summary: 'Dry-run: which conditions match and what each action would do; no side effects', requestBody: body(plainSchema(WorkflowTestBody)), responses: { 200: ok('The dry-run.', schemaRef('WorkflowDryRun')), ...problems(400, 401, 403, 404) } },
    },
    '/api/v1/workflows/{id}/run': {
      parameters: ID,
      post: { tags, operationId: 'runWorkflow', summary: 'The manual button: queue a run on a record the caller can read', requestBody: body(plainSchema(WorkflowRunBody)), responses: { 202: ok('Queued.', { type: 'object', properties: { jobId: { type: 'integer' }, runs: { type: 'string' } } }), ...problems(400, 401, 404, 409) } },
    },
    '/api/v1/workflows/{id}/runs': {
      parameters: ID,
      get: { tags, operationId: 'listWorkflowRuns', summary: "A workflow's runs, newest first", parameters: [...PAGE, { name: 'status', in: 'query', schema: { type: 'string', enum: ['running', 'retrying', 'succeeded', 'failed', 'skipped'] } }], responses: { 200: ok('A page of runs.', page('WorkflowRun')), ...problems(400, 401, 403, 404) } },
    },
    '/api/v1/workflow-runs/{id}': {
      parameters: ID,
      get: { tags, operationId: 'getWorkflowRun', summary: 'One run with its steps', responses: { 200: ok('The run.', schemaRef('WorkflowRun')), ...problems(401, 403, 404) } },
    },
    '/api/v1/hooks/workflows/{id}': {
      parameters: ID,
      post: {
        tags,
        operationId: 'inboundWorkflowHook',
        summary: 'Inbound webhook: start a webhook-triggered workflow with a signed body',
        description: 'No session or token: send `X-Kith-Timestamp` (unix seconds, within 5 minutes) and `X-Kith-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.',
        security: [],
        requestBody: { content: { 'application/json': { schema: {} } } },
        responses: { 202: ok('Queued.', { type: 'object', properties: { jobId: { type: 'integer' } } }), ...problems(400, 401, 409) },
      },
    },
    '/api/v1/notifications': {
      get: { tags, operationId: 'listNotifications', summary: "The caller's in-app notifications, newest first", parameters: [...PAGE, { name: 'unread', in: 'query', schema: { type: 'boolean' } }], responses: { 200: ok('A page of notifications.', page('Notification')), ...problems(400, 401) } },
    },
    '/api/v1/notifications/{id}/read': {
      parameters: ID,
      post: { tags, operationId: 'readNotification', summary: 'Mark one of your notifications read', responses: { 204: ok('Marked.'), ...problems(401, 404) } },
    },
    '/api/v1/jobs': {
      get: { tags, operationId: 'listJobs', summary: 'The durable job queue (administrators)', parameters: [...PAGE, { name: 'state', in: 'query', schema: { type: 'string', enum: ['pending', 'running', 'done', 'dead'] } }, { name: 'kind', in: 'query', schema: { type: 'string' } }], responses: { 200: ok('A page of jobs.', page('Job')), ...problems(400, 401, 403) } },
    },
    '/api/v1/jobs/{id}/retry': {
      parameters: ID,
      post: { tags, operationId: 'retryJob', summary: 'Retry a dead job', responses: { 200: ok('Pending again.', schemaRef('Job')), ...problems(401, 403, 404, 409) } },
    },
  };
}
