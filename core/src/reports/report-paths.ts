import type { ReadScope, ScopeResolver } from '../acl/read-scope.js';
import { resolveColumn, type ColumnRef } from '../data/field-paths.js';
import { filterToSql } from '../data/filter-to-sql.js';
import { quote, type Params } from '../data/sql.js';
import { isKithError } from '../errors/index.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../metadata/compile/compiled-types.js';
import { DELETED_AT_COLUMN } from '../metadata/compile/system-columns.js';
import { ReportProblem } from './report-errors.js';

/** Many-to-one hops one path may take (`contact.company.industry` is two). */
const MAX_HOPS = 2;

/** A field path resolved to one column the caller may read, with the joins it needs. */
export interface ReportColumn {
  readonly path: string;
  /** The qualified column: `t."stage"`, `r1."industry"`. */
  readonly sql: string;
  readonly ref: ColumnRef;
  /** For a bare currency field: its code column, so amounts in different currencies never add up. */
  readonly currencySql?: string;
  readonly currencyDefault?: string;
  /** The field type, or the column kind for a composite's part (`amount.currency` is text). */
  readonly type: string;
}

interface Join {
  readonly alias: string;
  readonly sql: string;
}

/**
 * Resolves report paths (`stage`, `amount.currency`, `company.industry`) against the caller's
 * read scopes, and collects the LEFT JOINs that many-to-one paths need. A field the caller may
 * not read does not exist for them (the same answer as an unknown field). A joined target
 * brings its own row scope into the join's ON clause: a related record outside the caller's
 * scope joins as nothing, so its values read as empty and are never revealed, while the row
 * being counted still counts (it is in scope).
 */
export class ReportPaths {
  private readonly joins = new Map<string, Join>();

  constructor(
    private readonly model: CompiledModel,
    private readonly root: CompiledEntity,
    private readonly scope: ScopeResolver,
    private readonly params: Params,
  ) {}

  /** The LEFT JOIN clauses, in the order they were first needed. */
  joinSql(): string {
    return [...this.joins.values()].map((j) => ` ${j.sql}`).join('');
  }

  /** Resolves `path`; `at` is the path in the request the problem is reported under. */
  resolve(path: string, at: string): ReportColumn {
    const segments = path.split('.');
    let entity = this.root;
    let alias = 't';
    let prefix = '';
    for (let hop = 0; ; hop++) {
      const name = segments[0]!;
      const field = entity.fieldsByName.get(name);
      const visible = this.scopeOf(entity).visible;
      if (field?.def.type === 'relation' && segments.length > 1 && (!visible || visible.has(name))) {
        if (hop === MAX_HOPS) throw new ReportProblem(at, 'KITH_REPORT_FIELD_INVALID', `"${path}" goes through more than ${MAX_HOPS} relations; a report reaches at most ${MAX_HOPS} many-to-one steps away.`);
        const target = this.model.entities.get(field.def.target!)!;
        const targetScope = this.scope(target);
        if (!targetScope) throw new ReportProblem(at, 'KITH_REPORT_FIELD_INVALID', `You cannot report on the fields of ${target.name} through ${entity.name}.${name}: ${target.name} records are not available to you.`);
        alias = this.join(`${prefix}${name}`, alias, field, target, targetScope);
        entity = target;
        prefix = `${prefix}${name}.`;
        segments.shift();
        continue;
      }
      const rest = segments.join('.');
      let ref: ColumnRef;
      try {
        ref = resolveColumn(entity, rest, 'filter', visible);
      } catch (error) {
        if (isKithError(error)) throw new ReportProblem(at, 'KITH_REPORT_FIELD_INVALID', error.message.replace(/; (filter|sort) by one of/, '; use one of'));
        throw error;
      }
      const column = `${alias}.${quote(ref.column)}`;
      // `amount` is money (amount with its code); `amount.amount` is the bare number.
      const currency = ref.field?.def.type === 'currency' && !rest.includes('.') ? ref.field.columns.find((c) => c.key === 'currency') : undefined;
      return {
        path,
        sql: column,
        ref,
        type: ref.field && !rest.includes('.') ? ref.field.def.type : ref.kind,
        ...(currency ? { currencySql: `${alias}.${quote(currency.name)}`, ...(ref.field?.def.defaultCurrency ? { currencyDefault: ref.field.def.defaultCurrency } : {}) } : {}),
      };
    }
  }

  private scopeOf(entity: CompiledEntity): ReadScope {
    // Only reachable entities are ever resolved: the root is checked first, each target before the hop.
    return this.scope(entity) ?? { rowFilter: undefined, visible: new Set() };
  }

  private join(key: string, from: string, field: CompiledField, target: CompiledEntity, scope: ReadScope): string {
    const existing = this.joins.get(key);
    if (existing) return existing.alias;
    const alias = `r${this.joins.size + 1}`;
    const on = [`${alias}."id" = ${from}.${quote(field.columns[0]!.name)}`, `${alias}.${quote(DELETED_AT_COLUMN)} IS NULL`];
    // A trusted filter (the permissions themselves), so no caller scope applies inside it.
    if (scope.rowFilter) on.push(`(${filterToSql(this.model, target, scope.rowFilter, this.params, alias)})`);
    this.joins.set(key, { alias, sql: `LEFT JOIN ${quote(target.table)} ${alias} ON ${on.join(' AND ')}` });
    return alias;
  }
}
