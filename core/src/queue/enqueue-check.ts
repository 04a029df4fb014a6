import { JobErrors } from './job-errors.js';
import type { EnqueueInput } from './job-types.js';

/** Refuses a job that could not be stored or run as asked (a coding error, so a 500), or one past the cascade bound. */
export function checkEnqueueInput(input: EnqueueInput, maxDepth: number): void {
  if (typeof input.kind !== 'string' || !/^[A-Za-z0-9_.:-]{1,100}$/.test(input.kind)) {
    throw JobErrors.invalid('kind', `A job kind is 1–100 letters, digits, "_", ".", ":" or "-"; got ${JSON.stringify(input.kind)}.`);
  }
  if (input.idempotencyKey !== undefined && (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.length < 1 || input.idempotencyKey.length > 200)) {
    throw JobErrors.invalid('idempotencyKey', 'An idempotency key is a string of 1–200 characters.');
  }
  if (input.maxAttempts !== undefined && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1 || input.maxAttempts > 1000)) {
    throw JobErrors.invalid('maxAttempts', 'maxAttempts is a whole number from 1 to 1000.');
  }
  if (input.runAt !== undefined && !(input.runAt instanceof Date && Number.isFinite(input.runAt.getTime()))) {
    throw JobErrors.invalid('runAt', 'runAt is a valid Date.');
  }
  const depth = input.depth ?? 0;
  if (!Number.isInteger(depth) || depth < 0) throw JobErrors.invalid('depth', 'depth is a whole number, 0 or more.');
  if (depth > maxDepth) throw JobErrors.cascadeLimit(input.kind, depth, maxDepth);
}

/** The payload as JSON text; one that JSON cannot hold (a BigInt, a cycle) is refused. */
export function serializePayload(payload: unknown): string {
  try {
    return JSON.stringify(payload ?? null);
  } catch (error) {
    throw JobErrors.invalid('payload', `A job payload must be JSON-serialisable: ${(error as Error).message}`);
  }
}
