import { entityNameProblem, fieldNameProblem, type EntityDefinition } from '@kith/sdk';
import { columnBaseOf, tableOf } from './compile/naming.js';
import type { ErrorDetail } from '../errors/index.js';
import { SYSTEM_COLUMNS, DELETED_AT_COLUMN } from './compile/system-columns.js';
import { getFieldType } from './field-types/index.js';
import { FormulaCodes, formulaProblems } from './check-formulas.js';
import { ROLLUP_INVALID, rollupProblems } from './check-rollups.js';
import { DERIVED_CYCLE, derivedCycleProblems } from './derived-cycles.js';

const SYSTEM_COLUMN_NAMES = new Set([...SYSTEM_COLUMNS.map((c) => c.column), DELETED_AT_COLUMN]);

/**
 * Problems stored metadata may have without stopping the model from compiling: a formula
 * reading a field an upgrade removed reads null, a roll-up that no longer resolves keeps its
 * last values. They are refused in a new change, reported, and never block a start.
 */
const TOLERATED_WHEN_STORED = new Set<string>([FormulaCodes.invalid, FormulaCodes.unknownField, ROLLUP_INVALID, DERIVED_CYCLE]);

/** True for a problem that stored metadata may have (see TOLERATED_WHEN_STORED). */
export function toleratedWhenStored(problem: ErrorDetail): boolean {
  return problem.code !== undefined && TOLERATED_WHEN_STORED.has(problem.code);
}

/** The problems of `after` that `before` did not have: what a change would break (known, tolerated breakage never blocks). */
export function problemsIntroduced(before: readonly EntityDefinition[], after: readonly EntityDefinition[]): ErrorDetail[] {
  const found = checkEntities(after);
  if (!found.some(toleratedWhenStored)) return found;
  const known = new Set(checkEntities(before).filter(toleratedWhenStored).map((p) => `${p.field}|${p.code}`));
  return found.filter((p) => !toleratedWhenStored(p) || !known.has(`${p.field}|${p.code}`));
}

/**
 * Checks a whole set of effective entities together: names, types and their settings,
 * relation targets, column clashes (`amountCurrency` vs a currency field's `amount_currency`),
 * inverse names, indexes, and derived fields (formulas, roll-ups and loops between them).
 * Returns every problem; an empty list means it compiles.
 */
export function checkEntities(entities: readonly EntityDefinition[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, code: 'KITH_METADATA_INVALID', message });
  const byName = new Map<string, EntityDefinition>();
  const tables = new Map<string, string>();
  for (const e of entities) {
    const nameProblem = entityNameProblem(e.name);
    if (nameProblem) add(e.name, nameProblem);
    if (byName.has(e.name)) add(e.name, `entity "${e.name}" is defined twice (${byName.get(e.name)!.source} and ${e.source})`);
    byName.set(e.name, e);
    const table = tableOf(e);
    if (tables.has(table) && tables.get(table) !== e.name) add(e.name, `entity "${e.name}" would share table "${table}" with "${tables.get(table)}"`);
    tables.set(table, e.name);
  }
  for (const e of entities) {
    const columns = new Map<string, string>();
    const fieldNames = new Set<string>();
    const ids = new Set<string>();
    for (const f of e.fields) {
      const at = `${e.name}.${f.name}`;
      const nameProblem = fieldNameProblem(f.name);
      if (nameProblem) add(at, nameProblem);
      if (fieldNames.has(f.name)) add(at, `field "${f.name}" appears twice on ${e.name}`);
      if (ids.has(f.id)) add(at, `field id "${f.id}" appears twice on ${e.name}`);
      fieldNames.add(f.name);
      ids.add(f.id);
      let type;
      try {
        type = getFieldType(f.type);
      } catch {
        add(at, `unknown field type "${String(f.type)}"`);
        continue;
      }
      for (const message of type.checkDefinition(f)) add(at, message);
      for (const spec of type.columns(f)) {
        const column = `${columnBaseOf(f)}${spec.suffix}`;
        if (SYSTEM_COLUMN_NAMES.has(column)) add(at, `field "${f.name}" would use the system column "${column}"; choose another name`);
        else if (columns.has(column)) add(at, `field "${f.name}" would share the column "${column}" with field "${columns.get(column)}"; choose another name`);
        columns.set(column, f.name);
      }
      if (f.type === 'relation' && f.target) {
        const target = byName.get(f.target);
        if (!target) add(`${at}.target`, `relation target "${f.target}" is not an entity; known entities: ${[...byName.keys()].join(', ')}`);
        else if (f.inverse) {
          const inverseProblem = fieldNameProblem(f.inverse);
          if (inverseProblem) add(`${at}.inverse`, inverseProblem);
          if (target.fields.some((tf) => tf.name === f.inverse)) add(`${at}.inverse`, `inverse "${f.inverse}" clashes with the field ${f.target}.${f.inverse}`);
        }
      }
    }
    e.indexes.forEach((ix, i) => {
      for (const name of ix.fields) {
        if (!fieldNames.has(name) && name !== 'createdAt' && name !== 'updatedAt') add(`${e.name}.indexes[${i}]`, `index names unknown field "${name}"`);
      }
    });
    if (e.ownerField && e.fields.find((f) => f.name === e.ownerField)?.type !== 'user') {
      add(`${e.name}.ownerField`, `ownerField "${e.ownerField}" must name a field of type user`);
    }
    if (e.titleField && !fieldNames.has(e.titleField)) add(`${e.name}.titleField`, `titleField "${e.titleField}" is not a field of ${e.name}`);
  }
  for (const e of entities) problems.push(...rollupProblems(e, byName), ...formulaProblems(e, byName));
  problems.push(...derivedCycleProblems(entities, byName));
  return problems;
}
