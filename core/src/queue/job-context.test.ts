import { describe, expect, it } from 'vitest';
import { isKithError } from '../errors/index.js';
import { jobIdempotencyKey, runningJob } from './job-context.js';
import type { Job } from './job-types.js';

const job = (over: Partial<Job> = {}): Job => ({
  id: 7,
  kind: 'notify',
  payload: {},
  runAt: '2030-01-01T00:00:00.000Z',
  attempts: 1,
  maxAttempts: 5,
  state: 'running',
  lockedBy: 'w',
  lockedUntil: null,
  lastError: null,
  idempotencyKey: null,
  depth: 0,
  createdAt: '2030-01-01T00:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('a job context', () => {
  it('derives a stable idempotency key from the job, unless the job has its own', () => {
    expect(jobIdempotencyKey(job())).toBe('kith-job-7');
    expect(jobIdempotencyKey(job({ attempts: 3 }))).toBe('kith-job-7');
    expect(jobIdempotencyKey(job({ idempotencyKey: 'deal-5-welcome' }))).toBe('deal-5-welcome');
  });

  it('buffers children one level deeper, with a snapshot of their payload', () => {
    const running = runningJob(job({ depth: 2 }), 8);
    const payload = { n: 1 };
    running.context.enqueue('follow-up', payload, { maxAttempts: 2 });
    payload.n = 2;
    expect(running.children).toEqual([{ kind: 'follow-up', payload: { n: 1 }, depth: 3, maxAttempts: 2 }]);
  });

  it('refuses a child past the bound and remembers it even when the handler swallows the error', () => {
    const running = runningJob(job({ depth: 8 }), 8);
    try {
      running.context.enqueue('again', {});
    } catch {
      // a careless handler
    }
    expect(running.children).toEqual([]);
    expect(isKithError(running.cascadeError) && running.cascadeError.code).toBe('KITH_JOB_CASCADE_LIMIT');
  });

  it('refuses a payload JSON cannot hold', () => {
    const running = runningJob(job(), 8);
    expect(() => running.context.enqueue('x', { big: 1n })).toThrow(/JSON-serialisable/);
  });
});
