import type { EntityDefinition, FieldDefinition, RollupDefinition } from '@kith/sdk';

/** What a roll-up aggregates: the child entity, its relation pointing at the parent, and the child field (if any). */
export interface RollupLink {
  readonly child: EntityDefinition;
  /** The child's many-to-one relation whose target is the roll-up's entity. */
  readonly link: FieldDefinition;
  readonly value: FieldDefinition | undefined;
}

/** The link, or why the roll-up's `relation` or `field` does not resolve (a phrase, path relative to the field). */
export type RollupLinkResult = { readonly ok: true; readonly link: RollupLink } | { readonly ok: false; readonly path: string; readonly message: string };

/** The one-to-many lists pointing at `parent`, as a roll-up may name them, for messages. */
function listsOf(parent: EntityDefinition, entities: Iterable<EntityDefinition>): string[] {
  const names: string[] = [];
  for (const e of entities) {
    for (const f of e.fields) {
      if (f.type === 'relation' && f.target === parent.name) names.push(f.inverse ? `"${f.inverse}" (${e.name}.${f.name})` : `"${e.name}.${f.name}"`);
    }
  }
  return names;
}

/**
 * Resolves a roll-up's `relation` — an inverse name on `parent` (`deals`) or
 * `<child entity>.<relation field>` (`deal.company`) — and its `field` against the entities.
 */
export function resolveRollupLink(parent: EntityDefinition, rollup: RollupDefinition, byName: ReadonlyMap<string, EntityDefinition>): RollupLinkResult {
  const fail = (path: string, message: string): RollupLinkResult => ({ ok: false, path, message });
  const lists = () => {
    const known = listsOf(parent, byName.values());
    return known.length > 0 ? `; lists pointing at ${parent.name}: ${known.join(', ')}` : `; no relation points at ${parent.name} yet`;
  };
  let child: EntityDefinition | undefined;
  let link: FieldDefinition | undefined;
  const dot = rollup.relation.indexOf('.');
  if (dot >= 0) {
    const [childName, linkName] = [rollup.relation.slice(0, dot), rollup.relation.slice(dot + 1)];
    child = byName.get(childName);
    if (!child) return fail('relation', `"${childName}" is not an entity${lists()}`);
    link = child.fields.find((f) => f.name === linkName);
    if (!link || link.type !== 'relation' || link.target !== parent.name) {
      return fail('relation', `${childName}.${linkName} is not a relation pointing at ${parent.name}${lists()}`);
    }
  } else {
    for (const e of byName.values()) {
      const found = e.fields.find((f) => f.type === 'relation' && f.target === parent.name && f.inverse === rollup.relation);
      if (found) {
        child = e;
        link = found;
        break;
      }
    }
    if (!child || !link) return fail('relation', `"${rollup.relation}" is not a one-to-many list of ${parent.name}${lists()}`);
  }
  if (rollup.field === undefined) return { ok: true, link: { child, link, value: undefined } };
  const value = child.fields.find((f) => f.name === rollup.field);
  if (!value) return fail('field', `"${rollup.field}" is not a field of ${child.name}; known fields: ${child.fields.map((f) => f.name).join(', ')}`);
  return { ok: true, link: { child, link, value } };
}
