import type { DefinitionSource, JsonLogicExpression, Labels } from './metadata.js';
import type { PluginContext } from './plugin-context.js';

/**
 * What starts a workflow. Record triggers fire on writes to the workflow's entity; the
 * condition is then evaluated on `{ record, before, trigger }`.
 */
export type WorkflowTrigger =
  | { readonly type: 'created' }
  | { readonly type: 'updated' }
  | { readonly type: 'deleted' }
  /** A field's value changed; `from` / `to` narrow it to one transition. */
  | { readonly type: 'fieldChanged'; readonly field: string; readonly from?: unknown; readonly to?: unknown }
  /** A cron expression (five or six fields, https://crontab.guru), in `timezone` (IANA, default UTC). */
  | { readonly type: 'schedule'; readonly cron: string; readonly timezone?: string }
  /**
   * A time relative to a date or datetime field of the record: `offsetMinutes` after it
   * (negative: before). Evaluated when it comes: the condition decides ("unless resolved").
   */
  | { readonly type: 'relativeTime'; readonly field: string; readonly offsetMinutes: number }
  /** A button: `POST /api/v1/workflows/:id/run` with a record id. */
  | { readonly type: 'manual' }
  /** An inbound webhook, `POST /api/v1/hooks/workflows/:id`, its body signed with `secret` (HMAC-SHA256). */
  | { readonly type: 'webhook'; readonly secret: string };

/** The trigger types. */
export type WorkflowTriggerType = WorkflowTrigger['type'];

/**
 * A value an action writes: a literal, or `{ "formula": <JsonLogic> }` computed over
 * `{ record, before, trigger, now }` when the action runs.
 */
export type ActionValue = unknown;

/** How `assign` picks the user. */
export type AssignStrategy = 'roundRobin' | 'leastLoaded';

/** One step of a workflow. Built-in types, or `<pluginId>.<name>` for a plugin's action. */
export type WorkflowAction =
  | { readonly type: 'setFields'; readonly values: Readonly<Record<string, ActionValue>> }
  | { readonly type: 'createRecord'; readonly entity: string; readonly values: Readonly<Record<string, ActionValue>> }
  /** Sets `field` (default: the entity's owner field) to one user, or to a member of a team. */
  | { readonly type: 'assign'; readonly field?: string; readonly userId?: number; readonly teamId?: number; readonly strategy?: AssignStrategy }
  /** An in-app notification to users (ids or `{ "formula": … }`), e.g. the record's owner. */
  | { readonly type: 'notify'; readonly to: ActionValue; readonly title: string; readonly body?: string }
  /** An email through the configured SMTP server; `{{record.name}}` placeholders in subject and text. */
  | { readonly type: 'email'; readonly to: ActionValue; readonly subject: string; readonly text: string }
  /** A signed POST of the run's data to `url` (HMAC-SHA256 of the body with `secret`). */
  | { readonly type: 'webhook'; readonly url: string; readonly secret?: string; readonly timeoutMs?: number }
  | { readonly type: `${string}.${string}`; readonly params?: Readonly<Record<string, unknown>> };

/** A workflow as stored in metadata. */
export interface WorkflowDefinition {
  /** Stable id (kebab-case); the URL and customisations refer to it. */
  readonly id: string;
  readonly label: Labels;
  readonly description?: string;
  /** The entity whose records trigger it or its actions work on (none for a schedule with no record). */
  readonly entity?: string;
  readonly trigger: WorkflowTrigger;
  /** JsonLogic over `{ record, before, trigger }`; absent means always. */
  readonly condition?: JsonLogicExpression;
  readonly actions: readonly WorkflowAction[];
  readonly enabled: boolean;
  /** Goes up by one with every change; each run records the version it ran. */
  readonly version: number;
  readonly source: DefinitionSource;
}

/** What a plugin action's `run` gets. */
export interface ActionContext {
  /** Stable across retries of the same step: pass it to remote services so a retry does not act twice. */
  readonly idempotencyKey: string;
  /** The record that triggered the run (after the change), if any. */
  readonly record: Readonly<Record<string, unknown>> | undefined;
  readonly workflowId: string;
  readonly workflowVersion: number;
  /** The plugin's own context: records (as the system, with an explicit transaction), metadata, logger, settings. */
  readonly plugin: PluginContext;
}

/** An action a plugin registers; `defineAction` checks it. */
export interface ActionDefinition<P = Readonly<Record<string, unknown>>> {
  /** `<name>` within the plugin; workflows call it as `<pluginId>.<name>`. */
  readonly name: string;
  readonly label?: string;
  /** Checks the params when a workflow using the action is saved: return problems (empty when fine). */
  readonly check?: (params: P) => readonly string[];
  /** Runs the step; its resolved value is recorded in the run history. Throwing fails the step (retried). */
  readonly run: (params: P, ctx: ActionContext) => Promise<unknown>;
  /** What a dry-run reports instead of running (default: the params). */
  readonly preview?: (params: P, ctx: ActionContext) => unknown;
}
