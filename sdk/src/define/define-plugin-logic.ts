import type { DefinitionProblem } from '../errors/definition-error.js';
import type { DefinitionSource, JsonLogicExpression } from '../types/metadata.js';
import type { ActionDefinition, WorkflowAction, WorkflowDefinition, WorkflowTrigger } from '../types/workflows.js';
import type { OperationDefinition } from './define-operation.js';
import { toLabels, type LabelInput } from './labels.js';

/** A workflow as a plugin author writes it; its stable id becomes `<pluginId>.<id>`. */
export interface WorkflowInput {
  /** kebab-case, unique in the plugin. */
  id: string;
  label?: LabelInput;
  description?: string;
  entity?: string;
  trigger: WorkflowTrigger;
  condition?: JsonLogicExpression;
  actions: readonly WorkflowAction[];
  /** Default true; consultants may switch it off. */
  enabled?: boolean;
  /** Bump it when the plugin changes the workflow (default 1); runs record it. */
  version?: number;
}

/** The workflow logic a plugin brings. */
export interface PluginLogicInput {
  /** Workflow actions, called as `<pluginId>.<name>` (see defineAction). */
  actions?: readonly ActionDefinition[];
  /** JsonLogic operations, called as `<pluginId>.<name>` in rules, formulas and conditions (see defineOperation). */
  operations?: readonly OperationDefinition[];
  /** Base workflows; consultants may change or disable them (never remove them). Checked against the model at start. */
  workflows?: readonly WorkflowInput[];
}

/** The same, checked and normalised. */
export interface PluginLogic {
  readonly actions: readonly ActionDefinition[];
  readonly operations: readonly OperationDefinition[];
  readonly workflows: readonly WorkflowDefinition[];
}

const WORKFLOW_ID = /^[a-z][a-z0-9-]{1,62}$/;

function unique<T>(items: readonly T[], key: (t: T) => string, at: string, what: string, problems: DefinitionProblem[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) problems.push({ path: `${at}[${i}]`, message: `${what} "${k}" is declared twice` });
    seen.add(k);
  });
}

/** Checks a plugin's actions, operations and workflows (their meaning against the model is checked by the core at start). */
export function pluginLogic(input: PluginLogicInput, pluginId: string, source: DefinitionSource, problems: DefinitionProblem[]): PluginLogic {
  const actions = [...(input.actions ?? [])];
  const operations = [...(input.operations ?? [])];
  actions.forEach((a, i) => {
    if (typeof a?.name !== 'string' || typeof a.run !== 'function') problems.push({ path: `actions[${i}]`, message: 'declare actions with defineAction({ name, run })' });
  });
  operations.forEach((o, i) => {
    if (typeof o?.name !== 'string' || typeof o.fn !== 'function') problems.push({ path: `operations[${i}]`, message: 'declare operations with defineOperation({ name, fn })' });
  });
  unique(actions, (a) => String(a?.name), 'actions', 'action', problems);
  unique(operations, (o) => String(o?.name), 'operations', 'operation', problems);
  const workflows = (input.workflows ?? []).map((w, i): WorkflowDefinition => {
    const at = `workflows[${i}]`;
    if (typeof w.id !== 'string' || !WORKFLOW_ID.test(w.id)) problems.push({ path: `${at}.id`, message: `"${String(w.id)}" is not a workflow id: lower-case letters, digits and dashes` });
    if (typeof w.trigger !== 'object' || w.trigger === null || typeof w.trigger.type !== 'string') problems.push({ path: `${at}.trigger`, message: 'a trigger is an object with a "type"' });
    if (!Array.isArray(w.actions) || w.actions.length === 0) problems.push({ path: `${at}.actions`, message: 'a workflow needs at least one action' });
    if (w.version !== undefined && !(Number.isSafeInteger(w.version) && w.version >= 1)) problems.push({ path: `${at}.version`, message: 'a version is a whole number from 1' });
    return {
      id: `${pluginId}.${String(w.id)}`,
      label: toLabels(w.label, String(w.id)),
      ...(w.description !== undefined ? { description: w.description } : {}),
      ...(w.entity !== undefined ? { entity: w.entity } : {}),
      trigger: w.trigger,
      ...(w.condition !== undefined ? { condition: w.condition } : {}),
      actions: w.actions,
      enabled: w.enabled ?? true,
      version: w.version ?? 1,
      source,
    };
  });
  unique(workflows, (w) => w.id, 'workflows', 'workflow', problems);
  return { actions, operations, workflows };
}
