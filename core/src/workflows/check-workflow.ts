import type { WorkflowAction, WorkflowDefinition } from '@kith/sdk';
import { CronExpressionParser } from 'cron-parser';
import { checkInput } from '../data/record-input.js';
import type { ErrorDetail } from '../errors/index.js';
import type { CompiledEntity, CompiledModel } from '../metadata/compile/compiled-types.js';
import { checkExpression, FORBIDDEN_SEGMENTS } from '../rules/index.js';
import { isBuiltinAction, type ActionRegistry } from './action-registry.js';
import { isFormula } from './action-values.js';
import { templatePaths } from './template.js';

const RECORD_TRIGGERS = new Set(['created', 'updated', 'deleted', 'fieldChanged', 'relativeTime', 'manual']);
const DATE_TYPES = new Set(['date', 'datetime']);
/** Webhook actions may only call http(s) URLs. */
const WEBHOOK_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
export const MAX_ACTIONS = 20;
const MAX_TIMEOUT_MS = 30_000;

type Problem = ErrorDetail;
const problem = (field: string, message: string): Problem => ({ field, code: 'KITH_WORKFLOW_INVALID', message });

/** Problems of a cron expression in a time zone; empty when it parses. */
export function cronProblems(cron: unknown, timezone: unknown): Problem[] {
  if (typeof cron !== 'string' || cron.trim() === '') return [problem('trigger.cron', 'a schedule needs a cron expression, e.g. "0 8 * * 1-5" (08:00 on weekdays)')];
  if (timezone !== undefined && (typeof timezone !== 'string' || !isTimeZone(timezone))) return [problem('trigger.timezone', `"${String(timezone)}" is not an IANA time zone (e.g. "Europe/Paris")`)];
  try {
    CronExpressionParser.parse(cron, { tz: timezone ?? 'UTC' });
    if (cron.trim().split(/\s+/).length > 6) throw new Error('too many fields');
    return [];
  } catch (error) {
    return [problem('trigger.cron', `"${cron}" is not a cron expression (${error instanceof Error ? error.message : String(error)}); use five fields: minute hour day-of-month month day-of-week`)];
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function expressionProblems(expression: unknown, at: string): Problem[] {
  return checkExpression(expression).map((p) => problem(`${at}${p.path === '' ? '' : p.path.replaceAll('/', '.')}`, p.message));
}

/** Problems of the values an action writes into `entity`: unknown fields, literals of the wrong type, bad formulas. */
function valueProblems(entity: CompiledEntity, values: unknown, at: string): Problem[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [problem(at, 'give the field values as an object, field name → value or { "formula": … }')];
  const out: Problem[] = [];
  const literals: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = entity.fieldsByName.get(name);
    if (!field) {
      out.push(problem(`${at}.${name}`, `${entity.name} has no field "${name}"; its fields are ${[...entity.fieldsByName.keys()].join(', ')}`));
      continue;
    }
    if (field.def.type === 'computed') out.push(problem(`${at}.${name}`, `${entity.name}.${name} is computed; it cannot be set`));
    else if (isFormula(value)) out.push(...expressionProblems(value.formula, `${at}.${name}.formula`));
    else literals[name] = value;
  }
  if (Object.keys(literals).length > 0) {
    for (const e of checkInput(entity, literals, 'update').errors) out.push(problem(`${at}.${e.field ?? ''}`, e.message));
  }
  return out;
}

function actionProblems(model: CompiledModel, entity: CompiledEntity | undefined, action: WorkflowAction, i: number, actions: ActionRegistry): Problem[] {
  const at = `actions[${i}]`;
  if (typeof action !== 'object' || action === null || typeof action.type !== 'string') return [problem(at, `an action is an object with a "type": one of ${actions.types().join(', ')}`)];
  const a = action as unknown as Record<string, unknown>;
  const needsRecord = (what: string) => (entity ? [] : [problem(`${at}.type`, `${what} needs a record: give the workflow an "entity" and a record trigger`)]);
  const text = (key: string, required: boolean) => {
    const v = a[key];
    if (v === undefined && !required) return [];
    if (typeof v !== 'string' || v.trim() === '') return [problem(`${at}.${key}`, `"${key}" is required text`)];
    return templatePaths(v)
      .filter((p) => p.split('.').some((s) => FORBIDDEN_SEGMENTS.has(s)))
      .map((p) => problem(`${at}.${key}`, `the placeholder {{${p}}} reaches a prototype; use record field names`));
  };
  switch (action.type) {
    case 'setFields':
      return [...needsRecord('setFields'), ...(entity ? valueProblems(entity, a.values, `${at}.values`) : [])];
    case 'createRecord': {
      const target = typeof a.entity === 'string' ? model.entities.get(a.entity) : undefined;
      if (!target) return [problem(`${at}.entity`, `"${String(a.entity)}" is not an entity; known: ${[...model.entities.keys()].join(', ')}`)];
      return valueProblems(target, a.values, `${at}.values`);
    }
    case 'assign': {
      const out = needsRecord('assign');
      const fieldName = a.field ?? entity?.def.ownerField;
      const field = typeof fieldName === 'string' ? entity?.fieldsByName.get(fieldName) : undefined;
      if (entity && !field) out.push(problem(`${at}.field`, fieldName === undefined ? `${entity.name} has no owner field: name the user field to set in "field"` : `${entity.name} has no field "${String(fieldName)}"`));
      const hasUser = a.userId !== undefined;
      const hasTeam = a.teamId !== undefined;
      if (hasUser === hasTeam) out.push(problem(`${at}`, 'give either "userId" (one user) or "teamId" with a "strategy" (roundRobin or leastLoaded)'));
      if (hasUser && !(Number.isSafeInteger(a.userId) && (a.userId as number) > 0)) out.push(problem(`${at}.userId`, 'a user id is a positive whole number'));
      if (hasTeam && !(Number.isSafeInteger(a.teamId) && (a.teamId as number) > 0)) out.push(problem(`${at}.teamId`, 'a team id is a positive whole number'));
      if (hasTeam && a.strategy !== 'roundRobin' && a.strategy !== 'leastLoaded') out.push(problem(`${at}.strategy`, 'strategy is "roundRobin" or "leastLoaded"'));
      return out;
    }
    case 'notify':
      return [...(isFormula(a.to) ? expressionProblems(a.to.formula, `${at}.to.formula`) : recipientIdsProblems(a.to, `${at}.to`)), ...text('title', true), ...text('body', false)];
    case 'email':
      return [...(isFormula(a.to) ? expressionProblems(a.to.formula, `${at}.to.formula`) : emailProblems(a.to, `${at}.to`)), ...text('subject', true), ...text('text', true)];
    case 'webhook': {
      const out: Problem[] = [];
      if (typeof a.url !== 'string' || !WEBHOOK_URL.test(a.url)) out.push(problem(`${at}.url`, 'an http:// or https:// URL'));
      if (typeof a.secret !== 'string' || a.secret.length < 16) out.push(problem(`${at}.secret`, 'a signing secret of at least 16 characters (the receiver checks X-Kith-Signature with it)'));
      if (a.timeoutMs !== undefined && !(Number.isInteger(a.timeoutMs) && (a.timeoutMs as number) >= 100 && (a.timeoutMs as number) <= MAX_TIMEOUT_MS)) {
        out.push(problem(`${at}.timeoutMs`, `a timeout from 100 to ${MAX_TIMEOUT_MS} ms`));
      }
      return out;
    }
    default: {
      if (isBuiltinAction(action.type)) return [];
      const plugin = actions.get(action.type);
      if (!plugin) return [problem(`${at}.type`, `"${action.type}" is not an action; known: ${actions.types().join(', ')}`)];
      const params = (a.params ?? {}) as Readonly<Record<string, unknown>>;
      return (plugin.check?.(params) ?? []).map((m) => problem(`${at}.params`, m));
    }
  }
}

function recipientIdsProblems(to: unknown, at: string): Problem[] {
  const ids = Array.isArray(to) ? to : [to];
  return ids.every((id) => Number.isSafeInteger(id) && (id as number) > 0) && ids.length > 0
    ? []
    : [problem(at, 'a user id, a list of user ids, or { "formula": … } giving them (e.g. {"formula": {"var": "record.ownerId"}})')];
}

function emailProblems(to: unknown, at: string): Problem[] {
  const list = Array.isArray(to) ? to : [to];
  return list.length > 0 && list.every((x) => typeof x === 'string' && /^[^\s@]+@[^\s@]+$/.test(x))
    ? []
    : [problem(at, 'an email address, a list of them, or { "formula": … } giving them (e.g. {"formula": {"var": "record.email"}})')];
}

/** Every problem of a workflow against the model and the registered actions; empty when it can be saved. */
export function workflowProblems(model: CompiledModel, wf: WorkflowDefinition, actions: ActionRegistry): Problem[] {
  const out: Problem[] = [];
  const entity = wf.entity === undefined ? undefined : model.entities.get(wf.entity);
  if (wf.entity !== undefined && !entity) out.push(problem('entity', `"${wf.entity}" is not an entity; known: ${[...model.entities.keys()].join(', ')}`));
  const trigger = wf.trigger as unknown as Record<string, unknown> | undefined;
  const type = trigger?.type;
  if (typeof type !== 'string') {
    out.push(problem('trigger.type', 'a trigger type: created, updated, deleted, fieldChanged, schedule, relativeTime, manual or webhook'));
  } else {
    if (RECORD_TRIGGERS.has(type) && wf.entity === undefined) out.push(problem('entity', `a "${type}" trigger needs the workflow's "entity"`));
    if ((type === 'fieldChanged' || type === 'relativeTime') && entity) {
      const field = typeof trigger!.field === 'string' ? entity.fieldsByName.get(trigger!.field) : undefined;
      if (!field) out.push(problem('trigger.field', `${entity.name} has no field "${String(trigger!.field)}"`));
      else if (type === 'relativeTime' && !DATE_TYPES.has(field.def.type)) out.push(problem('trigger.field', `${entity.name}.${field.name} is ${field.def.type}; a relative time needs a date or datetime field`));
    }
    if (type === 'relativeTime' && !(Number.isSafeInteger(trigger!.offsetMinutes) && Math.abs(trigger!.offsetMinutes as number) <= 525_600)) {
      out.push(problem('trigger.offsetMinutes', 'minutes after the date (negative: before), at most a year either way'));
    }
    if (type === 'schedule') out.push(...cronProblems(trigger!.cron, trigger!.timezone));
    if (type === 'webhook' && (typeof trigger!.secret !== 'string' || trigger!.secret.length < 16)) out.push(problem('trigger.secret', 'an inbound webhook needs a secret of at least 16 characters to check signatures with'));
    if (!['created', 'updated', 'deleted', 'fieldChanged', 'schedule', 'relativeTime', 'manual', 'webhook'].includes(type)) {
      out.push(problem('trigger.type', `"${type}" is not a trigger; use created, updated, deleted, fieldChanged, schedule, relativeTime, manual or webhook`));
    }
  }
  if (wf.condition !== undefined) out.push(...expressionProblems(wf.condition, 'condition'));
  if (!Array.isArray(wf.actions) || wf.actions.length === 0) out.push(problem('actions', 'a workflow needs at least one action'));
  else if (wf.actions.length > MAX_ACTIONS) out.push(problem('actions', `at most ${MAX_ACTIONS} actions per workflow`));
  else wf.actions.forEach((action, i) => out.push(...actionProblems(model, entity, action, i, actions)));
  return out;
}
