import type { PluginContext, PluginDefinition } from '@kith/sdk';
import { Errors, type KithError } from '../errors/index.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { workflowProblems } from './check-workflow.js';
import type { WorkflowEngine } from './workflow-engine.js';

/** What the engine needs of the plugin host. */
export interface PluginsWithWorkflows {
  plugins(): readonly PluginDefinition[];
  leaveOut(id: string, error: KithError): Promise<void>;
}

/**
 * Registers the running plugins' actions, then checks their base workflows against the model
 * and the registered actions. A plugin with a workflow that does not fit (an unknown field, a
 * cron that does not parse) is left out with its dependents, like any plugin whose metadata
 * does not fit; the server runs with the rest.
 */
export async function installPluginWorkflows(
  host: PluginsWithWorkflows,
  engine: WorkflowEngine,
  registry: MetadataRegistry,
  contextOf: (plugin: PluginDefinition) => PluginContext,
): Promise<void> {
  for (const p of host.plugins()) if ((p.actions ?? []).length > 0) engine.registerActions(p.id, p.actions, contextOf(p));
  for (const p of [...host.plugins()]) {
    const problems = (p.workflows ?? []).flatMap((wf, i) => workflowProblems(registry.model, wf, engine.actions).map((e) => ({ ...e, field: `workflows[${i}].${e.field ?? ''}` })));
    if (problems.length > 0) await host.leaveOut(p.id, Errors.pluginMetadataInvalid(p.id, problems));
  }
}
