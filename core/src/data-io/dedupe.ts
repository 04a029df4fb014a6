import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import type { RecordRow } from '../data/row-mapper.js';
import type { CompiledEntity } from '../metadata/compile/compiled-types.js';
import type { DedupePlan, ImportPlan } from './column-plan.js';
import type { ParsedRow } from './row-values.js';

/** A record a row is matched to. */
export interface MatchTarget {
  readonly id: number;
  readonly version: number;
}

/** What one row will do. */
export type Decision =
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly target: MatchTarget; readonly reason: string }
  /** An update of a record made earlier in a dry run: reported, not tried (the record was never kept). */
  | { readonly kind: 'simulatedUpdate'; readonly reason: string }
  | { readonly kind: 'skip'; readonly reason: string; readonly target?: MatchTarget }
  | { readonly kind: 'reject'; readonly code: string; readonly message: string }
  /** Waits for an earlier row of the same batch: it must be written first, to be updated. */
  | { readonly kind: 'defer' };

/** The row of this file that last claimed some match values, and the record it made or matched. */
interface Earlier {
  readonly row: number;
  readonly batch: number;
  readonly target: MatchTarget | undefined;
}

const PAGE = 500;

/**
 * Dedupe rules: rows whose match fields equal an existing record's are skipped, update it, or
 * are created anyway. Existing records are looked up through the record service with the
 * importer's permissions (a record they cannot see never matches: its existence is not
 * revealed). Rows repeating an earlier row of the same file follow the same rule against the
 * record that row made. A row with an empty match value matches nothing.
 */
export class Dedupe {
  private readonly earlier = new Map<string, Earlier>();
  private readonly rule: DedupePlan;
  private readonly entity: CompiledEntity;
  private readonly label: string;

  constructor(
    private readonly records: RecordService,
    private readonly actor: Actor,
    plan: ImportPlan,
  ) {
    this.rule = plan.dedupe!;
    this.entity = plan.entity;
    this.label = this.rule.match.join(' + ');
  }

  /**
   * The decision for each row (rows with problems are left out by the caller). Rows repeating
   * the match values of an earlier row in the same call are deferred when they would update
   * its record: the caller writes this wave, then decides the deferred rows again.
   * `batch` numbers the batch; `dryRun` says records made in earlier batches were not kept.
   */
  async decide(rows: readonly ParsedRow[], batch: number, dryRun: boolean): Promise<Map<ParsedRow, Decision>> {
    const out = new Map<ParsedRow, Decision>();
    const keys = new Map<ParsedRow, string>();
    const lookups: unknown[][] = [];
    for (const row of rows) {
      const values = this.matchValues(row);
      if (!values) {
        out.set(row, { kind: 'create' });
        continue;
      }
      const key = JSON.stringify(values);
      keys.set(row, key);
      if (!this.earlier.has(key)) lookups.push(values);
    }
    const existing = await this.existing(lookups);
    const claimed = new Map<string, number>();
    const { onMatch } = this.rule;
    for (const [row, key] of keys) {
      const before = this.earlier.get(key);
      const first = claimed.get(key) ?? before?.row;
      if (first !== undefined && onMatch === 'create') out.set(row, { kind: 'create' });
      else if (first !== undefined && onMatch === 'skip') out.set(row, { kind: 'skip', reason: `same ${this.label} as row ${first} of this file` });
      else if (claimed.has(key)) out.set(row, { kind: 'defer' });
      else if (before?.target) {
        const reason = `same ${this.label} as row ${before.row} of this file`;
        out.set(row, dryRun && before.batch !== batch ? { kind: 'simulatedUpdate', reason: `${reason}: would update the ${this.entity.name} made from it` } : { kind: 'update', target: before.target, reason });
      } else {
        claimed.set(key, row.source.row);
        out.set(row, this.against(row, existing.get(key) ?? []));
      }
    }
    return out;
  }

  /** Remembers that a row claimed its match values, and the record it made, updated or matched. */
  remember(row: ParsedRow, batch: number, target: MatchTarget | undefined): void {
    const values = this.matchValues(row);
    if (values) this.earlier.set(JSON.stringify(values), { row: row.source.row, batch, target });
  }

  private against(row: ParsedRow, matches: readonly RecordRow[]): Decision {
    const { onMatch } = this.rule;
    if (matches.length === 0 || onMatch === 'create') return { kind: 'create' };
    const ids = matches.map((m) => m.id as number);
    const which = `${this.entity.name} ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
    const target = matches.length === 1 ? { id: ids[0]!, version: matches[0]!.version as number } : undefined;
    if (onMatch === 'skip') return { kind: 'skip', reason: `matches ${which} on ${this.label}`, ...(target ? { target } : {}) };
    if (!target) {
      return { kind: 'reject', code: 'KITH_IMPORT_MATCH_AMBIGUOUS', message: `matches ${matches.length} records (${which}) on ${this.label}, so it cannot tell which to update; make ${this.label} unique or match on more fields` };
    }
    if (!this.changes(row, matches[0]!)) return { kind: 'skip', reason: `matches ${which} on ${this.label}; nothing to change`, target };
    return { kind: 'update', target, reason: `matches ${which} on ${this.label}` };
  }

  /** True when the row would change a stored value. */
  private changes(row: ParsedRow, stored: RecordRow): boolean {
    for (const [name, value] of Object.entries(row.values)) {
      const field = this.entity.fieldsByName.get(name)!;
      const checked = field.type.normalise(field.def, value);
      if (!checked.ok || JSON.stringify(checked.value) !== JSON.stringify(stored[name] ?? null)) return true;
    }
    return false;
  }

  /** The row's match values, normalised as they would be stored; undefined when one is empty or invalid. */
  private matchValues(row: ParsedRow): unknown[] | undefined {
    const out: unknown[] = [];
    for (const name of this.rule.match) {
      if (name === 'id') {
        if (row.id === undefined) return undefined;
        out.push(row.id);
        continue;
      }
      const value = row.values[name];
      if (value === undefined || value === null) return undefined;
      const field = this.entity.fieldsByName.get(name)!;
      const checked = field.type.normalise(field.def, value);
      if (!checked.ok || checked.value === null) return undefined;
      out.push(checked.value);
    }
    return out;
  }

  /** Existing records per match key, found by the first match field and compared on all of them. */
  private async existing(lookups: readonly unknown[][]): Promise<Map<string, RecordRow[]>> {
    const found = new Map<string, RecordRow[]>();
    const first = this.rule.match[0]!;
    const firsts = [...new Set(lookups.map((v) => v[0]))];
    for (let start = 0; start < firsts.length; start += PAGE) {
      const chunk = firsts.slice(start, start + PAGE);
      let cursor: string | null = null;
      do {
        const page = await this.records.list(this.entity.name, { filter: { [first]: { $in: chunk } }, limit: PAGE, ...(cursor ? { cursor } : {}) }, this.actor);
        for (const record of page.data) {
          const key = JSON.stringify(this.rule.match.map((m) => record[m] ?? null));
          found.set(key, [...(found.get(key) ?? []), record]);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return found;
  }
}
