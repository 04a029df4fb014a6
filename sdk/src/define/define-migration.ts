import type { DefinitionProblem } from '../errors/definition-error.js';
import type { MigrationContext } from '../types/plugin-context.js';
import { NAME_PATTERN } from './names.js';
import { compareVersions, isVersion } from './versions.js';

/** A field a migration renames: its values move to the new field and customisations follow it. */
export interface FieldRename {
  readonly entity: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A versioned migration: it runs when a database is upgraded from a version below `version` to
 * `version` or above, in version order, all in one transaction with the upgrade (a migration
 * that throws rolls the whole upgrade back). `renameFields` is declared, so an upgrade plan can
 * show it before it runs; `up` does any other data work through the context.
 */
export interface MigrationInput {
  version: string;
  description?: string;
  /** Fields of this version's entities that had another name before: values move, customisations follow. */
  renameFields?: readonly FieldRename[];
  up?: (ctx: MigrationContext) => Promise<void>;
}

/** A validated, frozen migration. */
export interface MigrationDefinition {
  readonly version: string;
  readonly description?: string;
  readonly renameFields: readonly FieldRename[];
  readonly up?: (ctx: MigrationContext) => Promise<void>;
}

/** Normalises a plugin's migrations in version order; `problems` collects what is wrong, each with its path. */
export function normaliseMigrations(inputs: unknown, pluginVersion: string, problems: DefinitionProblem[]): MigrationDefinition[] {
  if (inputs === undefined) return [];
  if (!Array.isArray(inputs)) {
    problems.push({ path: 'migrations', message: 'migrations is a list: [{ version, up }]' });
    return [];
  }
  const seen = new Map<string, number>();
  const migrations: MigrationDefinition[] = [];
  (inputs as MigrationInput[]).forEach((m, i) => {
    const at = `migrations[${i}]`;
    if (typeof m !== 'object' || m === null) {
      problems.push({ path: at, message: 'a migration is an object: { version, up }' });
      return;
    }
    if (!isVersion(m.version)) {
      problems.push({ path: `${at}.version`, message: `"${String(m.version)}" is not a semantic version (major.minor.patch)` });
    } else {
      const earlier = seen.get(m.version);
      if (earlier !== undefined) problems.push({ path: `${at}.version`, message: `version ${m.version} has a migration already (migrations[${earlier}]); put both steps in one` });
      seen.set(m.version, i);
      if (isVersion(pluginVersion) && compareVersions(m.version, pluginVersion) > 0) {
        problems.push({ path: `${at}.version`, message: `migration ${m.version} is newer than the plugin's version ${pluginVersion}; it would never run` });
      }
    }
    if (m.up !== undefined && typeof m.up !== 'function') problems.push({ path: `${at}.up`, message: 'up must be an async function (ctx) => { … }' });
    const renames = Array.isArray(m.renameFields) ? m.renameFields : [];
    if (m.renameFields !== undefined && !Array.isArray(m.renameFields)) problems.push({ path: `${at}.renameFields`, message: 'renameFields is a list: [{ entity, from, to }]' });
    renames.forEach((r, j) => {
      for (const key of ['entity', 'from', 'to'] as const) {
        if (typeof r?.[key] !== 'string' || !NAME_PATTERN.test(r[key])) problems.push({ path: `${at}.renameFields[${j}].${key}`, message: `"${String(r?.[key])}" is not a valid ${key === 'entity' ? 'entity' : 'field'} name` });
      }
      if (r?.from !== undefined && r.from === r.to) problems.push({ path: `${at}.renameFields[${j}]`, message: `"${r.from}" is renamed to itself` });
    });
    if (m.up === undefined && renames.length === 0) problems.push({ path: at, message: 'a migration needs an up function or renameFields' });
    if (m.description !== undefined && typeof m.description !== 'string') problems.push({ path: `${at}.description`, message: 'description is text' });
    migrations.push({
      version: m.version,
      ...(m.description !== undefined ? { description: m.description } : {}),
      renameFields: renames.map((r) => ({ entity: r.entity, from: r.from, to: r.to })),
      ...(m.up ? { up: m.up } : {}),
    });
  });
  const ordered = migrations.every((m) => isVersion(m.version));
  return ordered ? migrations.sort((a, b) => compareVersions(a.version, b.version)) : migrations;
}
