import type { WorkflowDefinition } from '@kith/sdk';
import type { RecordChange } from '../data/write-observer.js';
import { compileExpression, type CompiledExpression } from '../rules/index.js';
import type { RunData } from './action-values.js';

const compiled = new WeakMap<object, CompiledExpression>();

/** The workflow's condition, compiled once per definition object. */
export function conditionOf(wf: WorkflowDefinition): CompiledExpression | undefined {
  if (wf.condition === undefined) return undefined;
  let c = compiled.get(wf);
  if (!c) {
    c = compileExpression(wf.condition);
    compiled.set(wf, c);
  }
  return c;
}

/** True when the workflow's condition holds on `data` (no condition: always). */
export function conditionHolds(wf: WorkflowDefinition, data: RunData): boolean {
  const condition = conditionOf(wf);
  return condition === undefined || Boolean(condition.evaluate(data));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a record trigger fires on a change (the condition is checked separately). */
export function triggerFires(wf: WorkflowDefinition, change: RecordChange): boolean {
  const t = wf.trigger;
  switch (t.type) {
    case 'created':
      return change.op === 'create';
    case 'updated':
      return change.op === 'update';
    case 'deleted':
      return change.op === 'delete';
    case 'fieldChanged': {
      if (change.op === 'delete') return false;
      const before = change.op === 'update' ? change.before[t.field] : undefined;
      const after = change.after[t.field];
      if (change.op === 'update' && same(before, after)) return false;
      if (change.op !== 'update' && (after === null || after === undefined)) return false;
      if ('from' in t && t.from !== undefined && !same(before, t.from)) return false;
      if ('to' in t && t.to !== undefined && !same(after, t.to)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** When a relative-time trigger is due for a record, or undefined when its date field is empty. */
export function dueAt(wf: WorkflowDefinition, record: Readonly<Record<string, unknown>>): Date | undefined {
  if (wf.trigger.type !== 'relativeTime') return undefined;
  const value = record[wf.trigger.field];
  if (typeof value !== 'string' || value === '') return undefined;
  const at = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(at.getTime())) return undefined;
  return new Date(at.getTime() + wf.trigger.offsetMinutes * 60_000);
}
