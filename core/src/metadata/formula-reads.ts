import type { EntityDefinition } from '@kith/sdk';
import { collectVariables } from '../rules/expression-variables.js';

/** What a formula reads: fields of its own record, and fields of many-to-one parents through a relation. */
export interface FormulaReads {
  /** Field names of the record itself (first path segments), system fields included. */
  readonly own: ReadonlySet<string>;
  /** Relation field name → the parent's field names read through it (`company.industry` → company: {industry}). */
  readonly parents: ReadonlyMap<string, ReadonlySet<string>>;
  /** True when it also reads a computed path or the whole record, so any own field may matter. */
  readonly any: boolean;
}

/**
 * Splits a formula's variables into own fields and parent fields. A path whose first segment is
 * a relation field and that goes on (`company.industry`) reads the parent record; the bare
 * relation (`company`) is its id. Paths are not checked here (see check-formulas.ts).
 */
export function formulaReads(entity: EntityDefinition, formula: unknown): FormulaReads {
  const { variables, readsAnyField } = collectVariables(formula);
  const own = new Set<string>();
  const parents = new Map<string, Set<string>>();
  for (const variable of variables) {
    const [head, next] = variable.split('.') as [string, string | undefined];
    own.add(head);
    const field = entity.fields.find((f) => f.name === head);
    if (next !== undefined && field?.type === 'relation') {
      const read = parents.get(head) ?? new Set<string>();
      read.add(next);
      parents.set(head, read);
    }
  }
  return { own, parents, any: readsAnyField };
}
