import type { WorkflowDefinition } from '@kith/sdk';
import type { Customisation, WorkflowChanges } from '../metadata/customisation.js';

/** A customisation of a workflow. */
export type WorkflowCustomisation = Extract<Customisation, { kind: 'addWorkflow' | 'updateWorkflow' | 'removeWorkflow' }>;

export function isWorkflowChange(c: Customisation): c is WorkflowCustomisation {
  return c.kind === 'addWorkflow' || c.kind === 'updateWorkflow' || c.kind === 'removeWorkflow';
}

/**
 * Applies one workflow customisation to `workflows`; returns why it cannot be applied, when it
 * cannot. Every change makes a new version (base version + changes applied on top), so a run
 * records exactly which definition it ran.
 */
export function applyWorkflowChange(workflows: Map<string, WorkflowDefinition>, c: WorkflowCustomisation, entityExists: (name: string) => boolean): string | undefined {
  if (c.kind === 'addWorkflow') {
    if (c.workflow.entity !== undefined && !entityExists(c.workflow.entity)) {
      return `Entity "${c.workflow.entity}" no longer exists, so the workflow "${c.workflow.id}" cannot be applied. Remove the customisation or restore the entity.`;
    }
    const clash = workflows.get(c.workflow.id);
    if (clash) return `The custom workflow "${c.workflow.id}" now clashes with a workflow of the same id from ${clash.source === 'custom' ? 'another customisation' : clash.source}. Add it again under another id.`;
    workflows.set(c.workflow.id, c.workflow);
    return undefined;
  }
  const workflow = workflows.get(c.workflowId);
  if (!workflow) return `Workflow "${c.workflowId}" no longer exists, so this ${c.kind === 'removeWorkflow' ? 'removal' : 'change'} cannot be applied. Remove the customisation.`;
  if (c.kind === 'removeWorkflow') {
    if (workflow.source !== 'custom') return `The workflow "${workflow.id}" belongs to ${workflow.source} and cannot be removed; disable it instead ("enabled": false).`;
    workflows.delete(workflow.id);
    return undefined;
  }
  workflows.set(workflow.id, withChanges(workflow, c.changes));
  return undefined;
}

/** A workflow with `changes` applied, one version up (`"condition": null` removes the condition). */
export function withChanges(workflow: WorkflowDefinition, changes: WorkflowChanges): WorkflowDefinition {
  const { condition, ...rest } = changes;
  const next: Record<string, unknown> = { ...workflow, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), version: workflow.version + 1 };
  if (condition === null) delete next.condition;
  else if (condition !== undefined) next.condition = condition;
  return next as unknown as WorkflowDefinition;
}
