import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import type { ColumnPlan, ImportPlan } from './column-plan.js';
import type { ParsedRow } from './row-values.js';

/** Keys looked up per query (a page of the list API). */
const LOOKUP_CHUNK = 500;

/**
 * Turns relation keys (an account's name, a product's code) into record ids, a batch at a
 * time, through the record service with the importer's own permissions: a record they cannot
 * see cannot be linked, and is reported exactly like one that does not exist. A key that
 * names no record, or several, rejects its row with that reason — never a silent null.
 * Found ids are remembered for the rest of the file.
 */
export class RelationKeys {
  private readonly found = new Map<string, Map<string, number[]>>();
  private readonly keyed: readonly ColumnPlan[];

  constructor(
    private readonly records: RecordService,
    private readonly actor: Actor,
    plan: ImportPlan,
  ) {
    this.keyed = plan.columns.filter((c) => c.key);
  }

  async resolve(rows: readonly ParsedRow[]): Promise<void> {
    for (const column of this.keyed) {
      const { target, field: key } = column.key!;
      const name = column.field.name;
      let known = this.found.get(name);
      if (!known) this.found.set(name, (known = new Map()));
      const wanted = new Map<ParsedRow, string>();
      const missing = new Set<string>();
      for (const row of rows) {
        if (!row.keys.has(name) || row.problems.length > 0) continue;
        const raw = row.keys.get(name);
        const checked = key.type.normalise(key.def, typeof raw === 'string' ? raw.trim() : raw);
        if (!checked.ok) {
          row.problems.push({ column: column.header, field: name, code: 'KITH_FIELD_INVALID', message: `${column.header}: ${checked.message}` });
          continue;
        }
        const text = String(checked.value);
        wanted.set(row, text);
        if (!known.has(text)) missing.add(text);
      }
      await this.lookUp(target.name, key.name, [...missing], known);
      for (const [row, text] of wanted) {
        const ids = known.get(text) ?? [];
        if (ids.length === 1) row.values[name] = ids[0];
        else if (ids.length === 0) {
          row.problems.push({ column: column.header, field: name, code: 'KITH_IMPORT_KEY_NOT_FOUND', message: `${column.header}: no ${target.name} has ${key.name} ${JSON.stringify(text)} (or it is not visible to you)` });
        } else {
          row.problems.push({ column: column.header, field: name, code: 'KITH_IMPORT_KEY_AMBIGUOUS', message: `${column.header}: ${ids.length} ${target.name} records have ${key.name} ${JSON.stringify(text)} (ids ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}); use a key that is unique, or the id` });
        }
      }
    }
  }

  private async lookUp(entity: string, key: string, values: readonly string[], known: Map<string, number[]>): Promise<void> {
    for (let start = 0; start < values.length; start += LOOKUP_CHUNK) {
      const chunk = values.slice(start, start + LOOKUP_CHUNK);
      for (const v of chunk) known.set(v, []);
      const filterValues = chunk.map((v) => this.filterValue(entity, key, v));
      let cursor: string | null = null;
      do {
        const page = await this.records.list(entity, { filter: { [key]: { $in: filterValues } }, fields: [key], limit: LOOKUP_CHUNK, ...(cursor ? { cursor } : {}) }, this.actor);
        for (const record of page.data) known.get(String(record[key]))?.push(record.id as number);
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  /** The key as the filter compares it: numbers as numbers, everything else as its text. */
  private filterValue(entity: string, key: string, text: string): unknown {
    const type = this.records.entity(entity).fieldsByName.get(key)?.def.type;
    return type === 'integer' || type === 'decimal' || type === 'relation' || type === 'user' ? Number(text) : text;
  }
}
