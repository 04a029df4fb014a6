import type { DefinitionProblem } from '../errors/definition-error.js';
import type { DefinitionSource, FieldDefinition } from '../types/metadata.js';
import { normaliseField, type FieldInput } from './define-entity.js';
import { NAME_PATTERN } from './names.js';

/** Fields a plugin adds to an entity of a plugin it requires, as its author writes them. */
export interface ExtensionInput {
  /** The entity's name; its plugin must be in `requires`. */
  entity: string;
  fields: Readonly<Record<string, FieldInput>>;
}

/** A validated extension: the fields, normalised, with this plugin as their source. */
export interface ExtensionDefinition {
  readonly entity: string;
  readonly fields: readonly FieldDefinition[];
}

/**
 * Normalises a plugin's extensions; `problems` collects what is wrong, each with its path. A
 * field's id defaults to `<entity>.<field>`, like the entity's own fields; the core checks at
 * boot that the entity exists among the required plugins' and that no name is taken twice.
 */
export function normaliseExtensions(inputs: unknown, source: DefinitionSource, problems: DefinitionProblem[]): ExtensionDefinition[] {
  if (inputs === undefined) return [];
  if (!Array.isArray(inputs)) {
    problems.push({ path: 'extensions', message: 'extensions is a list: [{ entity, fields }]' });
    return [];
  }
  const seen = new Set<string>();
  return (inputs as ExtensionInput[]).map((x, i) => {
    const at = `extensions[${i}]`;
    if (typeof x?.entity !== 'string' || !NAME_PATTERN.test(x.entity)) problems.push({ path: `${at}.entity`, message: `"${String(x?.entity)}" is not an entity name` });
    const entries = typeof x?.fields === 'object' && x.fields !== null ? Object.entries(x.fields) : [];
    if (entries.length === 0) problems.push({ path: `${at}.fields`, message: 'an extension adds at least one field' });
    const fields = entries.map(([name, f]) => {
      const key = `${String(x.entity)}.${name}`;
      if (seen.has(key)) problems.push({ path: `${at}.fields.${name}`, message: `${key} is added twice` });
      seen.add(key);
      return normaliseField(String(x.entity), name, f, source, problems, `${at}.fields.${name}`);
    });
    return { entity: x?.entity, fields };
  });
}
