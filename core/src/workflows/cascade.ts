import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How deep in a cascade the current code runs: 0 for a change made by a person or script, the
 * job's depth + 1 while a workflow's actions write. Jobs that a write enqueues get this depth,
 * so a workflow that keeps triggering itself hits the queue's bound instead of looping.
 */
const storage = new AsyncLocalStorage<number>();

export function cascadeDepth(): number {
  return storage.getStore() ?? 0;
}

export function withCascadeDepth<T>(depth: number, fn: () => Promise<T>): Promise<T> {
  return storage.run(depth, fn);
}
