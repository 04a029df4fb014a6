import { KithError } from '../errors/index.js';

/** Named factories for the errors of the job queue; every code is `KITH_JOB_*` and stable API. */
export const JobErrors = {
  cascadeLimit: (kind: string, depth: number, maxDepth: number) =>
    new KithError({
      code: 'KITH_JOB_CASCADE_LIMIT',
      status: 500,
      message: `A "${kind}" job would run at cascade depth ${depth}, past the limit of ${maxDepth}: a chain of jobs (workflows whose actions trigger workflows) kept enqueuing more. It was not enqueued; look for a workflow that triggers itself.`,
      extra: { kind, depth, maxDepth },
    }),

  leaseExpired: (attempts: number) =>
    new KithError({
      code: 'KITH_JOB_LEASE_EXPIRED',
      status: 500,
      message: `The worker running attempt ${attempts - 1} stopped (or took longer than its lease) without finishing, and no attempts are left. Check the worker's log, then retry the job.`,
    }),

  noHandler: (kind: string) =>
    new KithError({ code: 'KITH_JOB_NO_HANDLER', status: 500, message: `No handler is registered for jobs of kind "${kind}" on this node.` }),

  handlerExists: (kind: string) =>
    new KithError({ code: 'KITH_JOB_HANDLER_EXISTS', status: 500, message: `A handler for jobs of kind "${kind}" is already registered; each kind has one handler.` }),

  invalid: (field: string, message: string) => new KithError({ code: 'KITH_JOB_INVALID', status: 500, field, message }),

  notFound: (id: unknown) => new KithError({ code: 'KITH_JOB_NOT_FOUND', status: 404, message: `There is no job with id ${String(id)}.` }),

  notDead: (id: number, state: string) =>
    new KithError({
      code: 'KITH_JOB_NOT_DEAD',
      status: 409,
      message: `Job ${id} is ${state}; only a dead job can be retried (a pending one runs when due, a running one is being worked on).`,
      extra: { state },
    }),
} as const;

/** A failure as `last_error` keeps it: `CODE: message` (or `Name: message`), at most 4,000 characters. */
export function describeFailure(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  const label = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(error);
  const text = `${label}: ${message}`;
  return text.length > 4000 ? `${text.slice(0, 3999)}…` : text;
}

/**
 * True for a failure that retrying cannot fix: the cascade bound, or an error a handler marked
 * `permanent` (bad input to an action). The job is parked as dead at once instead of retried.
 */
export function isFinalFailure(error: unknown): boolean {
  const e = error as { code?: unknown; permanent?: unknown } | null;
  return typeof e === 'object' && e !== null && (e.code === 'KITH_JOB_CASCADE_LIMIT' || e.permanent === true);
}

/** Marks an error as final for the queue (see isFinalFailure) and returns it. */
export function markFinal<E>(error: E): E {
  if (typeof error === 'object' && error !== null) Object.defineProperty(error, 'permanent', { value: true, enumerable: false });
  return error;
}
