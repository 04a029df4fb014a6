import { FORBIDDEN_SEGMENTS } from '../rules/index.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.]+)\s*\}\}/g;

/** The value at a dotted path of own properties (never through a prototype). */
function lookup(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Fills `{{record.name}}`-style placeholders; a missing value becomes an empty string. Plain text, no HTML. */
export function renderTemplate(template: string, data: unknown): string {
  return template.replace(PLACEHOLDER, (_, path: string) => {
    const value = lookup(data, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** The placeholder paths of a template (to check them when a workflow is saved). */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
