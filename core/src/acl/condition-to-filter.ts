import type { EntityDefinition } from '@kith/sdk';

/** Values a role condition may refer to about the caller. */
export interface ConditionContext {
  readonly userId: number;
  readonly teamUserIds: readonly number[];
}

/** The filter, or why the condition is outside the supported subset. */
export type ConditionResult = { readonly ok: true; readonly filter: Record<string, unknown> } | { readonly ok: false; readonly problems: string[] };

const COMPARISONS: Record<string, string> = { '==': '$eq', '===': '$eq', '!=': '$ne', '!==': '$ne', '<': '$lt', '<=': '$lte', '>': '$gt', '>=': '$gte' };
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** The supported subset, for messages. */
export const SUPPORTED_CONDITION_OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or', '!', 'var'] as const;

/**
 * Compiles a role's JsonLogic record condition into the API's filter language, so the
 * database applies it inside the query (lists, counts, cursors, relations), never after.
 * Supported: comparisons between a field (`{"var":"stage"}`, `{"var":"amount.currency"}`)
 * and a literal or the caller (`{"var":"$user.id"}`, `{"var":"$user.teamUserIds"}` with `in`);
 * `in` with a literal list; `and`, `or`, `!`. Anything else is refused when the role is saved.
 */
export function conditionToFilter(condition: unknown, entity: EntityDefinition, context: ConditionContext): ConditionResult {
  const problems: string[] = [];
  const fields = new Map(entity.fields.map((f) => [f.name, f]));

  const fieldPath = (node: unknown): string | undefined => {
    if (!isOp(node, 'var')) return undefined;
    const path = (node as { var: unknown }).var;
    if (typeof path !== 'string' || path.startsWith('$')) return undefined;
    const segments = path.split('.');
    if (segments.some((s) => FORBIDDEN.has(s))) {
      problems.push(`"${path}" is not allowed in a condition`);
      return undefined;
    }
    if (!fields.has(segments[0]!) && !['id', 'createdBy', 'updatedBy', 'createdAt', 'updatedAt'].includes(path)) {
      problems.push(`"${path}" is not a field of ${entity.name}`);
      return undefined;
    }
    return path;
  };

  const value = (node: unknown): { ok: true; value: unknown } | { ok: false } => {
    if (isOp(node, 'var')) {
      const path = (node as { var: unknown }).var;
      if (path === '$user.id') return { ok: true, value: context.userId };
      if (path === '$user.teamUserIds') return { ok: true, value: [...context.teamUserIds] };
      return { ok: false };
    }
    if (node === null || ['string', 'number', 'boolean'].includes(typeof node)) return { ok: true, value: node };
    if (Array.isArray(node) && node.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return { ok: true, value: node };
    return { ok: false };
  };

  const compile = (node: unknown): Record<string, unknown> | undefined => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push(`${JSON.stringify(node)} is not a condition; use e.g. {"==":[{"var":"stage"},"won"]}`);
      return undefined;
    }
    const keys = Object.keys(node);
    const op = keys[0]!;
    if (keys.length !== 1) {
      problems.push('each condition object has exactly one operator');
      return undefined;
    }
    const args = (node as Record<string, unknown>)[op];
    const list = Array.isArray(args) ? args : [args];
    if (op === 'and' || op === 'or') {
      const parts = list.map(compile).filter((p): p is Record<string, unknown> => p !== undefined);
      return { [op === 'and' ? '$and' : '$or']: parts };
    }
    if (op === '!') {
      const inner = compile(list[0]);
      return inner && { $not: inner };
    }
    if (op in COMPARISONS || op === 'in') {
      const [left, right] = list;
      const path = fieldPath(left);
      const literal = value(right);
      if (path === undefined || !literal.ok) {
        problems.push(`${op} compares a field ({"var":"field"}) with a value, {"var":"$user.id"} or {"var":"$user.teamUserIds"}`);
        return undefined;
      }
      if (op === 'in') {
        if (!Array.isArray(literal.value)) {
          problems.push('"in" takes a list of values or {"var":"$user.teamUserIds"}');
          return undefined;
        }
        return { [path]: { $in: literal.value } };
      }
      return { [path]: { [COMPARISONS[op]!]: literal.value } };
    }
    problems.push(`"${op}" is not supported in a role condition; use ${SUPPORTED_CONDITION_OPERATORS.join(', ')}`);
    return undefined;
  };

  const filter = compile(condition);
  return problems.length > 0 || !filter ? { ok: false, problems: problems.length ? problems : ['the condition is empty'] } : { ok: true, filter };
}

function isOp(node: unknown, op: string): boolean {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1 && op in node;
}
