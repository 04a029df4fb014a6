import type { EntityDefinition, RoleDefinition, ValidationRuleDefinition, WorkflowDefinition } from '@kith/sdk';
import type { Database, SqlExecutor } from '../data/database.js';
import { Mutex } from '../data/mutex.js';
import { backfillChangedRollups } from '../data/rollup-backfill.js';
import type { SchemaManager } from '../data/schema-manager.js';
import { Params, quote } from '../data/sql.js';
import { systemTableSchemas } from '../data/system-tables.js';
import { Errors, KithError } from '../errors/index.js';
import { applyCustomisations } from './apply-customisations.js';
import { checkFieldChange } from './change-checks.js';
import { checkEntities, problemsIntroduced, toleratedWhenStored } from './check-entities.js';
import { checkRoles } from '../acl/check-roles.js';
import { checkRules, newRuleProblems } from '../rules/validation-rule-check.js';
import { compileModel } from './compile/compile-model.js';
import type { CompiledModel } from './compile/compiled-types.js';
import { modelSchemas } from './compile/to-entity-schema.js';
import type { Customisation, CustomisationChange } from './customisation.js';
import { customisationStore, stateStore } from './customisation-store.js';
import { checkUniqueIndex } from './unique-index-check.js';
import type { LayeredMetadata } from './apply-customisations.js';

/** Options of a metadata change. */
export interface ChangeOptions {
  readonly userId: number | null;
  /** Required for destructive changes (removing a field, narrowing). */
  readonly confirm?: boolean;
  /** Run every check (model, rules, stored data) and stop before changing anything. */
  readonly dryRun?: boolean;
  /** More writes that must commit with the change (a revert copying archived values back). */
  readonly alsoInTransaction?: (tx: SqlExecutor, seq: number) => Promise<void>;
}

/** Called after the effective model changed (OpenAPI regeneration, caches). */
export type ModelListener = (model: CompiledModel) => void;

const REVISION_KEY = 'metadata.revision';

/**
 * Holds the effective metadata: base definitions (core and plugins, from code) ⊕ stored
 * customisations. Changes are checked against the whole model and the stored data, applied
 * to the live database by a schema diff, recorded, and then swapped in whole, so requests in
 * flight keep the model they started with.
 */
export class MetadataRegistry {
  private current: CompiledModel;
  private customisations: Customisation[];
  private readonly lock = new Mutex();
  private readonly listeners: ModelListener[] = [];

  private constructor(
    private readonly db: Database,
    private readonly schema: SchemaManager,
    private base: readonly EntityDefinition[],
    private baseRoles: readonly RoleDefinition[],
    private baseRules: readonly ValidationRuleDefinition[],
    private baseWorkflows: readonly WorkflowDefinition[],
    customisations: Customisation[],
    model: CompiledModel,
  ) {
    this.customisations = customisations;
    this.current = model;
  }

  /** Creates system tables, loads customisations, and syncs the schema to the effective model. */
  static async open(
    db: Database,
    schema: SchemaManager,
    base: readonly EntityDefinition[],
    baseRoles: readonly RoleDefinition[] = [],
    baseRules: readonly ValidationRuleDefinition[] = [],
    baseWorkflows: readonly WorkflowDefinition[] = [],
  ): Promise<MetadataRegistry> {
    const problems = [...checkEntities(base), ...checkRoles(base, baseRoles), ...checkRules(base, baseRules)];
    if (problems.length > 0) throw Errors.definitionInvalid('The base metadata (core and plugins)', problems);
    await schema.sync(systemTableSchemas(db.dialect));
    const customisations = await customisationStore.load(db.reader);
    const revision = Number((await stateStore.get(db.reader, REVISION_KEY)) ?? 0);
    const model = effectiveModel(db, base, baseRoles, baseRules, baseWorkflows, customisations, revision);
    await schema.sync([...systemTableSchemas(db.dialect), ...modelSchemas(model)]);
    await backfillChangedRollups(db, model);
    return new MetadataRegistry(db, schema, base, baseRoles, baseRules, baseWorkflows, customisations, model);
  }

  /** The effective model now. */
  get model(): CompiledModel {
    return this.current;
  }

  /** The stored customisations, in order. */
  get stored(): readonly Customisation[] {
    return this.customisations;
  }

  /** `customisations` applied to this registry's base (the metadata as it was after them, on today's plugins). */
  layer(customisations: readonly Customisation[]): LayeredMetadata {
    return applyCustomisations(this.base, customisations, this.baseRoles, this.baseRules, this.baseWorkflows);
  }

  /** Calls `listener` after every model swap. */
  onChange(listener: ModelListener): void {
    this.listeners.push(listener);
  }

  /** Applies one customisation: check, migrate the schema, store, swap. */
  async change(change: CustomisationChange, options: ChangeOptions): Promise<CompiledModel> {
    return this.lock.run(async () => {
      this.checkRelationTargets(change);
      const probe: Customisation = { ...change, seq: Number.MAX_SAFE_INTEGER, createdAt: '', createdBy: options.userId } as Customisation;
      const layered = applyCustomisations(this.base, [...this.customisations, probe], this.baseRoles, this.baseRules, this.baseWorkflows);
      const own = layered.conflicts.find((c) => c.seq === probe.seq);
      if (own) throw new KithError({ code: 'KITH_METADATA_CONFLICT', status: 409, message: own.message, ...(own.fieldId ? { field: own.fieldId } : {}) });
      const problems = [...problemsIntroduced([...this.current.entities.values()].map((e) => e.def), layered.entities), ...checkRoles(layered.entities, layered.roles)];
      if (problems.length > 0) throw Errors.definitionInvalid('This change', problems);
      const ruleChange = change.kind === 'addRule' || change.kind === 'updateRule' || change.kind === 'removeRule';
      // Only what this change breaks: a rule an upgrade already broke does not block unrelated changes.
      const broken = newRuleProblems(this.current, layered);
      if (broken.length > 0) throw ruleChange ? Errors.ruleInvalid('This rule', broken) : Errors.definitionInvalid('This change would break validation rules (change or remove them first)', broken);
      await this.checkData(change, options);
      if (options.dryRun) return this.current;
      const next = compileModel(layered.entities, this.db.dialect, this.current.revision + 1, layered.conflicts.filter((c) => c.seq !== probe.seq), layered.roles, layered.rules, layered.workflows, layered.layouts);
      const workflowChange = change.kind === 'addWorkflow' || change.kind === 'updateWorkflow' || change.kind === 'removeWorkflow';
      // Rules, workflows and layouts live in metadata only: they never change the database schema.
      if (!ruleChange && !workflowChange && change.kind !== 'setLayout') await this.schema.sync([...systemTableSchemas(this.db.dialect), ...modelSchemas(next)]);
      const createdAt = new Date().toISOString();
      const seq = await this.db.transaction(async (tx) => {
        const stored = await customisationStore.append(tx, change, options.userId, createdAt);
        if (change.kind === 'removeField') await this.archiveColumns(tx, change.entityId, change.fieldId, stored, options.userId);
        await options.alsoInTransaction?.(tx, stored);
        await stateStore.set(tx, REVISION_KEY, String(next.revision));
        return stored;
      });
      this.customisations = [...this.customisations, { ...change, seq, createdAt, createdBy: options.userId } as Customisation];
      await this.install(next);
      return next;
    });
  }

  /** Reloads customisations when another node changed them (revision moved). */
  async refresh(): Promise<boolean> {
    return this.lock.run(async () => {
      const revision = Number((await stateStore.get(this.db.reader, REVISION_KEY)) ?? 0);
      if (revision === this.current.revision) return false;
      this.customisations = await customisationStore.load(this.db.reader);
      await this.install(effectiveModel(this.db, this.base, this.baseRoles, this.baseRules, this.baseWorkflows, this.customisations, revision));
      return true;
    });
  }

  /** Replaces the base definitions (plugins loaded or upgraded) and re-applies customisations. */
  async setBase(
    base: readonly EntityDefinition[],
    baseRoles: readonly RoleDefinition[] = this.baseRoles,
    baseRules: readonly ValidationRuleDefinition[] = this.baseRules,
    baseWorkflows: readonly WorkflowDefinition[] = this.baseWorkflows,
  ): Promise<CompiledModel> {
    return this.lock.run(async () => {
      const problems = [...checkEntities(base), ...checkRoles(base, baseRoles), ...checkRules(base, baseRules)];
      if (problems.length > 0) throw Errors.definitionInvalid('The base metadata (core and plugins)', problems);
      const next = effectiveModel(this.db, base, baseRoles, baseRules, baseWorkflows, this.customisations, this.current.revision + 1);
      await this.schema.sync([...systemTableSchemas(this.db.dialect), ...modelSchemas(next)]);
      await this.db.transaction((tx) => stateStore.set(tx, REVISION_KEY, String(next.revision)));
      this.base = base;
      this.baseRoles = baseRoles;
      this.baseRules = baseRules;
      this.baseWorkflows = baseWorkflows;
      await this.install(next);
      return next;
    });
  }

  /** A new relation must point at an entity that exists now (a missing one later is a conflict, not an error). */
  private checkRelationTargets(change: CustomisationChange): void {
    const fields = change.kind === 'addField' ? [change.field] : change.kind === 'addEntity' ? change.entity.fields : [];
    const names = new Set([...this.current.entities.keys(), ...(change.kind === 'addEntity' ? [change.entity.name] : [])]);
    const problems = fields
      .filter((f) => f.type === 'relation' && f.target !== undefined && !names.has(f.target))
      .map((f) => ({ field: `${f.name}.target`, code: 'KITH_METADATA_INVALID', message: `relation target "${f.target}" is not an entity; known entities: ${[...names].join(', ')}` }));
    if (problems.length > 0) throw Errors.definitionInvalid('This change', problems);
  }

  /** Swaps `model` in, then computes its new or changed roll-ups over the stored data. */
  private async install(model: CompiledModel): Promise<void> {
    const previous = this.current;
    this.swap(model);
    await backfillChangedRollups(this.db, model, previous);
  }

  private swap(model: CompiledModel): void {
    this.current = model;
    for (const listener of this.listeners) listener(model);
  }

  private async checkData(change: CustomisationChange, options: ChangeOptions): Promise<void> {
    if (change.kind === 'addIndex' && change.index.unique) {
      const entity = [...this.current.entities.values()].find((e) => e.def.id === change.entityId);
      if (entity) await checkUniqueIndex(this.db.reader, entity, change.index);
    }
    if (change.kind !== 'updateField' && change.kind !== 'removeField') return;
    const entity = [...this.current.entities.values()].find((e) => e.def.id === change.entityId);
    const field = entity?.fields.find((f) => f.def.id === change.fieldId);
    if (!entity || !field) return;
    if (change.kind === 'updateField') {
      await checkFieldChange(this.db.reader, entity, field, change.changes, options.confirm === true);
      return;
    }
    if (field.def.source !== 'custom') {
      throw Errors.changeNotAllowed(`Cannot remove ${entity.name}.${field.name}`, `it belongs to ${field.def.source}; hide it instead (PATCH with "hidden": true).`, field.name);
    }
    if (!options.confirm) {
      const rows = await this.db.reader.all(`SELECT COUNT(*) FROM ${quote(entity.table)} WHERE ${field.columns.map((c) => `${quote(c.name)} IS NOT NULL`).join(' OR ')}`, []);
      throw Errors.confirmationRequired(
        `Removing ${entity.name}.${field.name}`,
        `${Number(rows[0]?.[0] ?? 0)} record(s) hold a value in it. The column is kept under an archived name so the data can be recovered (see docs/operators.md).`,
      );
    }
  }

  /** Renames a removed field's columns to `<column>__removed_<seq>` and records them for recovery. */
  private async archiveColumns(tx: SqlExecutor, entityId: string, fieldId: string, seq: number, userId: number | null): Promise<void> {
    const entity = [...this.current.entities.values()].find((e) => e.def.id === entityId);
    const field = entity?.fields.find((f) => f.def.id === fieldId);
    if (!entity || !field) return;
    for (const column of field.columns) {
      const archived = `${column.name}__removed_${seq}`;
      await tx.run(`ALTER TABLE ${quote(entity.table)} RENAME COLUMN ${quote(column.name)} TO ${quote(archived)}`, []);
      const params = new Params(tx.dialect);
      await tx.run(
        `INSERT INTO "kith_removed_column" ("entity", "field", "column_name", "archived_as", "removed_at", "removed_by") VALUES (${params.add(entity.name)}, ${params.add(JSON.stringify(field.def))}, ${params.add(column.name)}, ${params.add(archived)}, ${params.add(new Date().toISOString())}, ${params.add(userId)})`,
        params.values,
      );
    }
  }
}

function effectiveModel(
  db: Database,
  base: readonly EntityDefinition[],
  baseRoles: readonly RoleDefinition[],
  baseRules: readonly ValidationRuleDefinition[],
  baseWorkflows: readonly WorkflowDefinition[],
  customisations: readonly Customisation[],
  revision: number,
): CompiledModel {
  const layered = applyCustomisations(base, customisations, baseRoles, baseRules, baseWorkflows);
  // A formula or roll-up an upgrade broke reads null or keeps its values; it is reported when next changed.
  const problems = checkEntities(layered.entities).filter((p) => !toleratedWhenStored(p));
  if (problems.length > 0) throw Errors.definitionInvalid('The effective metadata', problems);
  // A role whose grants no longer fit (an entity or field removed by an upgrade) is kept, and its
  // grants on what is gone simply match nothing; checkRoles reports it when it is next changed.
  // Likewise a rule reading a field an upgrade removed reads null until it is changed.
  return compileModel(layered.entities, db.dialect, revision, layered.conflicts, layered.roles, layered.rules, layered.workflows, layered.layouts);
}
