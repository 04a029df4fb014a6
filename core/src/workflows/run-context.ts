import type { WorkflowDefinition } from '@kith/sdk';
import type { Actor } from '../data/actor.js';
import type { Database, SqlExecutor } from '../data/database.js';
import type { RecordService } from '../data/record-service.js';
import type { Clock } from '../queue/clock.js';
import type { ActionRegistry } from './action-registry.js';
import type { RunData } from './action-values.js';
import type { Mailer } from './mailer.js';

/** Who workflows act as: the system, through the rules channel (audited as such), bypassing roles. */
export const WORKFLOW_ACTOR: Actor = { userId: null, channel: 'rule', isAdmin: true };

/** What every action needs from the app. */
export interface WorkflowServices {
  readonly db: Database;
  readonly records: RecordService;
  readonly actions: ActionRegistry;
  readonly mailer: Mailer | undefined;
  readonly clock: Clock;
}

/** One action about to run (or be previewed) within a run. */
export interface ActionCall {
  readonly services: WorkflowServices;
  readonly workflow: WorkflowDefinition;
  readonly index: number;
  readonly data: RunData;
  readonly recordId: number | null;
  /** Stable across retries of this step. */
  readonly idempotencyKey: string;
  readonly runId: number | null;
}

/**
 * What an action does, in two halves: `prepare` resolves its input (no side effects; a dry-run
 * stops there) and `perform` acts. Actions that only touch the database perform inside `tx`,
 * which also records the step, so they happen exactly once; the others (email, webhook,
 * plugins) happen at least once, with the step's idempotency key for the peer to dedupe.
 */
export interface ActionRunner<I = unknown> {
  readonly inDatabase: boolean;
  prepare(call: ActionCall, tx: SqlExecutor): Promise<I>;
  perform(call: ActionCall, input: I, tx: SqlExecutor): Promise<unknown>;
}
