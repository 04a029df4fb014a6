import type { FieldDefinition } from '@kith/sdk';
import type { SqlExecutor } from '../data/database.js';
import { Params, quote } from '../data/sql.js';
import { applyFieldChanges } from '../metadata/apply-customisations.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import type { CustomisationChange, FieldChanges } from '../metadata/customisation.js';
import { duplicateRows } from '../metadata/unique-index-check.js';

/** What a planned change puts at risk in the target's data. */
export interface ChangeRisk {
  /** Needs confirmation: removing a field, narrowing a field (shorter, tighter bounds, fewer options). */
  readonly destructive: boolean;
  /** Rows that would lose a value, no longer fit, or block the change (see `risk`), counted in the target's data. */
  readonly rowsAtRisk: number;
  /** Why, in words; absent when nothing is at risk. */
  readonly risk?: string;
}

const SAFE: ChangeRisk = { destructive: false, rowsAtRisk: 0 };

async function count(db: SqlExecutor, table: string, where: string, params: Params): Promise<number> {
  const rows = await db.all(`SELECT COUNT(*) FROM ${quote(table)} t WHERE ${where}`, params.values);
  return Number(rows[0]?.[0] ?? 0);
}

/**
 * The narrowing and required checks of metadata/change-checks.ts, counted instead of thrown:
 * the same conditions, run read-only, so the plan shows what apply would meet.
 */
async function fieldChangeRisk(db: SqlExecutor, entity: CompiledEntity | undefined, field: CompiledField | undefined, def: FieldDefinition, changes: FieldChanges): Promise<ChangeRisk> {
  const live = entity && field ? { entity, field, c: `t.${quote(field.columns[0]!.name)}` } : undefined;
  const notDeleted = `t.${quote(DELETED_AT_COLUMN)} IS NULL`;
  const params = new Params(db.dialect);
  const narrowing: { what: string; condition: string }[] = [];
  const c = live?.c ?? '';
  if (changes.maxLength !== undefined && changes.maxLength < (def.maxLength ?? Number.POSITIVE_INFINITY)) narrowing.push({ what: `shorter than ${changes.maxLength}`, condition: `LENGTH(${c}) > ${params.add(changes.maxLength)}` });
  if (changes.min !== undefined && changes.min > (def.min ?? Number.NEGATIVE_INFINITY)) narrowing.push({ what: `at least ${changes.min}`, condition: `${c} < ${params.add(changes.min)}` });
  if (changes.max !== undefined && changes.max < (def.max ?? Number.POSITIVE_INFINITY)) narrowing.push({ what: `at most ${changes.max}`, condition: `${c} > ${params.add(changes.max)}` });
  const removed = changes.removeOptions ?? [];
  if (removed.length > 0) {
    const condition =
      def.type === 'multiSelect'
        ? db.dialect === 'postgresql'
          ? `${c} ?| ${params.add(removed)}::text[]`
          : `EXISTS (SELECT 1 FROM json_each(${c}) WHERE json_each.value IN (${removed.map((v) => params.add(v)).join(', ')}))`
        : `${c} IN (${removed.map((v) => params.add(v)).join(', ')})`;
    narrowing.push({ what: `none of ${removed.join(', ')}`, condition });
  }
  const misfits = live && narrowing.length > 0 ? await count(db, live.entity.table, `${notDeleted} AND (${narrowing.map((n) => `(${n.condition})`).join(' OR ')})`, params) : 0;
  const missing =
    live && changes.required === true && !def.required
      ? await count(db, live.entity.table, `${notDeleted} AND ${live.field.columns.map((x) => `t.${quote(x.name)} IS NULL`).join(' AND ')}`, new Params(db.dialect))
      : 0;
  const risks = [
    ...(misfits > 0 ? [`${misfits} row(s) hold values that must be ${narrowing.map((n) => n.what).join(' and ')}: apply is refused until they are changed`] : []),
    ...(missing > 0 ? [`${missing} row(s) have no value, so it cannot become required until they are filled`] : []),
  ];
  const destructive = narrowing.length > 0;
  if (!destructive && risks.length === 0) return SAFE;
  return { destructive, rowsAtRisk: misfits + missing, risk: risks.length > 0 ? risks.join('; ') : 'values outside the new limits could no longer be entered' };
}

/**
 * Assesses planned changes in order against the target's data. Field definitions evolve as
 * the plan goes (a field changed twice is judged against its first change), and a field or
 * entity the plan itself adds is empty, so nothing in it is at risk.
 */
export async function assessRisks(changes: readonly CustomisationChange[], model: CompiledModel, db: SqlExecutor): Promise<ChangeRisk[]> {
  const compiled = new Map<string, { entity: CompiledEntity; field: CompiledField }>();
  const defs = new Map<string, FieldDefinition>();
  for (const entity of model.entities.values()) {
    for (const field of entity.fields) {
      compiled.set(`${entity.def.id} ${field.def.id}`, { entity, field });
      defs.set(`${entity.def.id} ${field.def.id}`, field.def);
    }
  }
  const risks: ChangeRisk[] = [];
  for (const change of changes) {
    if (change.kind === 'addEntity' || change.kind === 'addField') {
      const entityId = change.kind === 'addEntity' ? change.entity.id : change.entityId;
      for (const f of change.kind === 'addEntity' ? change.entity.fields : [change.field]) {
        compiled.delete(`${entityId} ${f.id}`);
        defs.set(`${entityId} ${f.id}`, f);
      }
      risks.push(SAFE);
    } else if (change.kind === 'updateField') {
      const key = `${change.entityId} ${change.fieldId}`;
      const def = defs.get(key);
      const live = compiled.get(key);
      risks.push(def ? await fieldChangeRisk(db, live?.entity, live?.field, def, change.changes) : SAFE);
      if (def) defs.set(key, applyFieldChanges(def, change.changes));
    } else if (change.kind === 'removeField') {
      const key = `${change.entityId} ${change.fieldId}`;
      const live = compiled.get(key);
      // As the registry counts before archiving: every row holding a value, deleted ones too.
      const rows = live ? await count(db, live.entity.table, live.field.columns.map((x) => `t.${quote(x.name)} IS NOT NULL`).join(' OR '), new Params(db.dialect)) : 0;
      risks.push({ destructive: true, rowsAtRisk: rows, risk: rows > 0 ? `${rows} row(s) hold a value (the column is archived, not dropped)` : 'no row holds a value' });
      compiled.delete(key);
      defs.delete(key);
    } else if (change.kind === 'addIndex' && change.index.unique) {
      const entity = [...model.entities.values()].find((e) => e.def.id === change.entityId);
      const rows = entity ? await duplicateRows(db, entity, change.index) : 0;
      risks.push(rows > 0 ? { destructive: false, rowsAtRisk: rows, risk: `${rows} row(s) share their ${change.index.fields.join(' + ')} with another row, so the unique index cannot be built until they differ` } : SAFE);
    } else {
      risks.push(SAFE);
    }
  }
  return risks;
}
