import type { ActionDefinition, PluginContext } from '@kith/sdk';

/** The built-in action types. */
export const BUILTIN_ACTIONS = ['setFields', 'createRecord', 'assign', 'notify', 'email', 'webhook'] as const;
export type BuiltinActionType = (typeof BUILTIN_ACTIONS)[number];

export function isBuiltinAction(type: string): type is BuiltinActionType {
  return (BUILTIN_ACTIONS as readonly string[]).includes(type);
}

/** A plugin's action with the context its plugin runs it in. */
export interface RegisteredAction {
  readonly definition: ActionDefinition;
  readonly context: PluginContext;
}

/** Plugin actions by `<pluginId>.<name>`: one registry per app. */
export class ActionRegistry {
  private readonly actions = new Map<string, RegisteredAction>();

  register(pluginId: string, action: ActionDefinition, context: PluginContext): void {
    const type = `${pluginId}.${action.name}`;
    if (this.actions.has(type)) throw new Error(`The workflow action "${type}" is registered twice.`);
    this.actions.set(type, { definition: action, context });
  }

  get(type: string): ActionDefinition | undefined {
    return this.actions.get(type)?.definition;
  }

  /** The action and its plugin's context. */
  entry(type: string): RegisteredAction | undefined {
    return this.actions.get(type);
  }

  /** Every action type a workflow may use. */
  types(): string[] {
    return [...BUILTIN_ACTIONS, ...this.actions.keys()];
  }
}
