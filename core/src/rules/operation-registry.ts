import { PLUGIN_ID_PATTERN } from '@kith/sdk';
import { BUILTIN_OPERATORS } from './builtin-operators.js';
import { RuleErrors } from './rule-errors.js';

/** A plugin's rule operation: receives its evaluated arguments, returns a JSON value. No access to the record. */
export type RuleOperation = (...args: unknown[]) => unknown;

/** The registration handle one plugin gets: it can only add operations to its own namespace. */
export interface NamespacedOperations {
  readonly namespace: string;
  /** Adds `<namespace>.<name>`; returns the operator name rules use. */
  registerOperation(name: string, operation: RuleOperation): string;
}

/** Kith's registry of plugin rule operations (json-logic-js's own table is never written to). */
export interface OperationRegistry {
  /** Adds `<namespace>.<name>`; refuses malformed names, built-in operators and anything already registered. */
  registerOperation(namespace: string, name: string, operation: RuleOperation): string;
  /** A handle bound to one namespace — what the plugin host gives the plugin whose id it is. */
  forNamespace(namespace: string): NamespacedOperations;
  /** The plugin operation registered under `operator`, if any. */
  get(operator: string): RuleOperation | undefined;
  /** True for a built-in operator or a registered plugin operation. */
  isKnown(operator: string): boolean;
  /** Built-in operators first, then plugin operations in registration order. */
  knownOperators(): readonly string[];
}

/** Operation names: camelCase, like field names, so `<namespace>.<name>` splits one way only. */
export const OPERATION_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,47}$/;

const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_OPERATORS);

function checkNamespace(namespace: string, name: string): void {
  if (typeof namespace !== 'string' || !PLUGIN_ID_PATTERN.test(namespace)) {
    throw RuleErrors.operationNameInvalid(String(namespace), String(name), 'the namespace must be the plugin id (lower-case words joined by dashes).');
  }
}

function checkName(namespace: string, name: string): void {
  if (typeof name !== 'string' || !OPERATION_NAME_PATTERN.test(name)) {
    throw RuleErrors.operationNameInvalid(namespace, String(name), 'the name must be camelCase letters and digits, starting with a lower-case letter.');
  }
}

/**
 * Creates an empty registry. Neither the namespace nor the name may contain a dot, so two
 * namespaces can never produce the same operator and no plugin operator can equal a
 * built-in one; re-registering an existing operator is refused rather than replacing it.
 */
export function createOperationRegistry(): OperationRegistry {
  const operations = new Map<string, RuleOperation>();

  const registerOperation = (namespace: string, name: string, operation: RuleOperation): string => {
    checkNamespace(namespace, name);
    checkName(namespace, name);
    const operator = `${namespace}.${name}`;
    if (BUILTINS.has(operator) || operations.has(operator)) throw RuleErrors.operationExists(operator);
    if (typeof operation !== 'function') {
      throw RuleErrors.operationNameInvalid(namespace, name, 'the operation must be a function of its evaluated arguments.');
    }
    operations.set(operator, operation);
    return operator;
  };

  return Object.freeze({
    registerOperation,
    forNamespace(namespace: string): NamespacedOperations {
      checkNamespace(namespace, '…');
      return Object.freeze({
        namespace,
        registerOperation: (name: string, operation: RuleOperation) => registerOperation(namespace, name, operation),
      });
    },
    get: (operator: string) => operations.get(operator),
    isKnown: (operator: string) => BUILTINS.has(operator) || operations.has(operator),
    knownOperators: () => [...BUILTIN_OPERATORS, ...operations.keys()],
  });
}
