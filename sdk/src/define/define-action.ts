import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';
import type { ActionDefinition } from '../types/workflows.js';

/** The name of a plugin action: camelCase, as workflows call it `<pluginId>.<name>`. */
export const ACTION_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,62}$/;

/** Checks and freezes a plugin's workflow action; every problem is reported at once. */
export function defineAction<P = Readonly<Record<string, unknown>>>(input: ActionDefinition<P>): ActionDefinition<P> {
  const problems: DefinitionProblem[] = [];
  const at = (path: string, message: string) => problems.push({ path, message });
  if (typeof input !== 'object' || input === null) throw new DefinitionError('action', [{ path: '', message: 'an action is an object with a name and a run function' }]);
  if (typeof input.name !== 'string' || !ACTION_NAME_PATTERN.test(input.name)) at('name', 'must be camelCase letters and digits, starting with a lower-case letter (e.g. "createInvoice")');
  if (typeof input.run !== 'function') at('run', 'must be an async function (params, ctx) => result');
  if (input.check !== undefined && typeof input.check !== 'function') at('check', 'must be a function (params) => problems');
  if (input.preview !== undefined && typeof input.preview !== 'function') at('preview', 'must be a function (params, ctx) => preview');
  if (problems.length > 0) throw new DefinitionError(`action "${String(input.name)}"`, problems);
  return Object.freeze({ ...input });
}
