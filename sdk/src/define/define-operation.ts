import { DefinitionError, type DefinitionProblem } from '../errors/definition-error.js';

/** A JsonLogic operation a plugin adds; rules, formulas and workflow conditions call it as `<pluginId>.<name>`. */
export interface OperationDefinition {
  /** camelCase, e.g. `vatRate`; used as `{"<pluginId>.vatRate": [ … ]}`. */
  readonly name: string;
  /** Receives its arguments already evaluated; returns a JSON value. It never sees the record as a whole. Keep it pure. */
  readonly fn: (...args: unknown[]) => unknown;
  readonly description?: string;
}

/** The name of a plugin operation. */
export const OPERATION_NAME = /^[a-z][a-zA-Z0-9]{0,47}$/;

/** Checks and freezes a plugin's JsonLogic operation; every problem is reported at once. */
export function defineOperation(input: OperationDefinition): OperationDefinition {
  const problems: DefinitionProblem[] = [];
  if (typeof input !== 'object' || input === null) throw new DefinitionError('operation', [{ path: '', message: 'an operation is an object with a name and a fn' }]);
  if (typeof input.name !== 'string' || !OPERATION_NAME.test(input.name)) problems.push({ path: 'name', message: 'must be camelCase letters and digits, starting with a lower-case letter (e.g. "vatRate")' });
  if (typeof input.fn !== 'function') problems.push({ path: 'fn', message: 'must be a function of the evaluated arguments' });
  if (problems.length > 0) throw new DefinitionError(`operation "${String(input.name)}"`, problems);
  return Object.freeze({ ...input });
}
