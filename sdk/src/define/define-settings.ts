import { KindGuard, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { DefinitionProblem } from '../errors/definition-error.js';

/**
 * Checks a plugin's settings schema: a TypeBox object whose defaults alone are valid settings, so
 * a plugin works before an administrator sets anything (give every required setting a default,
 * or make it optional).
 */
export function checkSettingsSchema(schema: unknown, problems: DefinitionProblem[]): schema is TObject {
  if (schema === undefined) return false;
  if (!KindGuard.IsObject(schema)) {
    problems.push({ path: 'settings', message: 'settings must be a TypeBox object schema: Type.Object({ … }) from @kith/sdk' });
    return false;
  }
  const defaults = Value.Default(schema, {});
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, defaults)) {
    const path = error.path.split('/').filter(Boolean).join('.') || '(settings)';
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path: `settings.${path}`, message: `has no valid default (${error.message}); give it a default or make it Type.Optional` });
  }
  return true;
}

/** The settings a plugin starts with: the schema's defaults. */
export function defaultSettings(schema: TObject): Record<string, unknown> {
  return Value.Default(schema, {}) as Record<string, unknown>;
}
