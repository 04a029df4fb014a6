import type { ActionDefinition } from '@kith/sdk';

/** The built-in action types. */
export const BUILTIN_ACTIONS = ['setFields', 'createRecord', 'assign', 'notify', 'email', 'webhook'] as const;
export type BuiltinActionType = (typeof BUILTIN_ACTIONS)[number];

export function isBuiltinAction(type: string): type is BuiltinActionType {
  return (BUILTIN_ACTIONS as readonly string[]).includes(type);
}

/** Plugin actions by `<pluginId>.<name>`: one registry per app. */
export class ActionRegistry {
  private readonly actions = new Map<string, ActionDefinition>();

  register(pluginId: string, action: ActionDefinition): void {
    const type = `${pluginId}.${action.name}`;
    if (this.actions.has(type)) throw new Error(`The workflow action "${type}" is registered twice.`);
    this.actions.set(type, action);
  }

  get(type: string): ActionDefinition | undefined {
    return this.actions.get(type);
  }

  /** Every action type a workflow may use. */
  types(): string[] {
    return [...BUILTIN_ACTIONS, ...this.actions.keys()];
  }
}
