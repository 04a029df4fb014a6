import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { readScopes } from '../acl/read-scope.js';
import type { Actor } from '../data/actor.js';
import type { RecordService } from '../data/record-service.js';
import { Errors, isKithError, type ErrorDetail } from '../errors/index.js';
import { SYSTEM_FIELD_COLUMNS } from '../metadata/compile/system-columns.js';
import { ViewErrors } from './view-errors.js';
import type { SavedView, ViewConfig, ViewStore } from './view-store.js';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Config = Type.Object(
  {
    columns: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 }),
    filter: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    sort: Type.Array(Type.String({ minLength: 1, maxLength: 201 }), { maxItems: 10 }),
    layout: Type.Optional(Type.Union([Type.Literal('list'), Type.Literal('board')])),
    groupBy: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
const NewView = Type.Object({ entity: Type.String({ minLength: 1, maxLength: 100 }), name: Name, shared: Type.Optional(Type.Boolean()), config: Config }, { additionalProperties: false });
const ViewPatch = Type.Object({ version: Type.Integer({ minimum: 1 }), name: Type.Optional(Name), shared: Type.Optional(Type.Boolean()), config: Type.Optional(Config) }, { additionalProperties: false });

const checkers = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();

function parse<T extends TSchema>(schema: T, body: unknown): Static<T> {
  let check = checkers.get(schema);
  if (!check) checkers.set(schema, (check = TypeCompiler.Compile(schema)));
  if (check.Check(body)) return body as Static<T>;
  const errors: ErrorDetail[] = [];
  for (const e of check.Errors(body)) {
    const field = e.path.split('/').filter(Boolean).join('.') || '(body)';
    if (errors.some((x) => x.field === field)) continue;
    errors.push({ field, code: 'KITH_VIEW_INVALID', message: e.message === 'Unexpected property' ? `"${field}" is not a setting of a saved view.` : `${field}: ${e.message}` });
  }
  throw ViewErrors.invalid(errors);
}

/** A saved view as one caller gets it: `mine` says whether they may change it. */
export type ViewForReader = SavedView & { readonly mine: boolean };

/**
 * Saved list views. Anyone signed in keeps their own views and may share them; everyone who
 * can read the entity sees the shared ones; only the owner (or an administrator) changes or
 * deletes a view. A view never widens access: it is only the query the list then sends, run
 * with the reader's own permissions, and columns or sort keys on fields the reader may not
 * read are left out of what they get.
 */
export class ViewService {
  constructor(
    private readonly store: ViewStore,
    private readonly records: RecordService,
  ) {}

  async list(actor: Actor, entity: string | undefined): Promise<ViewForReader[]> {
    const userId = this.userOf(actor);
    if (entity !== undefined) this.visibleFields(entity, actor);
    const views = await this.store.visibleTo(userId, entity);
    return views.flatMap((v) => {
      const shown = this.forReader(v, actor);
      return shown ? [shown] : [];
    });
  }

  async get(id: number, actor: Actor): Promise<ViewForReader> {
    const view = await this.store.get(id);
    const shown = view && (view.shared || view.ownerId === actor.userId) ? this.forReader(view, actor) : undefined;
    if (!shown) throw ViewErrors.notFound(id);
    return shown;
  }

  async create(body: unknown, actor: Actor): Promise<ViewForReader> {
    const ownerId = this.userOf(actor);
    const input = parse(NewView, body);
    const config = await this.checkConfig(input.entity, input.config, actor);
    const view = await this.store.add({ entity: input.entity, name: input.name.trim(), ownerId, shared: input.shared === true, config });
    return { ...view, mine: true };
  }

  async update(id: number, body: unknown, actor: Actor): Promise<ViewForReader> {
    const input = parse(ViewPatch, body);
    const view = await this.owned(id, actor);
    const config = input.config ? await this.checkConfig(view.entity, input.config, actor) : undefined;
    const changed = await this.store.update(id, input.version, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.shared !== undefined ? { shared: input.shared } : {}),
      ...(config ? { config } : {}),
    });
    if (!changed) {
      const current = await this.store.get(id);
      if (!current) throw ViewErrors.notFound(id);
      throw ViewErrors.versionConflict(id, input.version, current.version);
    }
    return { ...changed, mine: true };
  }

  async remove(id: number, actor: Actor): Promise<void> {
    await this.owned(id, actor);
    await this.store.remove(id);
  }

  /** The view, when the caller may change it: its owner, or an administrator for a shared one. */
  private async owned(id: number, actor: Actor): Promise<SavedView> {
    const userId = this.userOf(actor);
    const view = await this.store.get(id);
    if (!view || (!view.shared && view.ownerId !== userId)) throw ViewErrors.notFound(id);
    if (view.ownerId !== userId && !actor.isAdmin) throw ViewErrors.notOwner(id);
    this.visibleFields(view.entity, actor);
    return view;
  }

  private userOf(actor: Actor): number {
    if (actor.userId === null) throw ViewErrors.signedInUserRequired();
    return actor.userId;
  }

  /** The fields of `entity` the caller may read (undefined = all); 404 when the entity is out of reach. */
  private visibleFields(entity: string, actor: Actor): ReadonlySet<string> | undefined {
    const model = this.records.currentModel();
    const compiled = model.entities.get(entity);
    const scope = compiled ? readScopes(model, actor)(compiled) : null;
    if (!compiled || !scope) throw Errors.entityNotFound(entity);
    return scope.visible ?? new Set(compiled.fieldsByName.keys());
  }

  /** A view as `actor` sees it, or undefined when its entity is out of their reach. */
  private forReader(view: SavedView, actor: Actor): ViewForReader | undefined {
    let visible: ReadonlySet<string> | undefined;
    try {
      visible = this.visibleFields(view.entity, actor);
    } catch {
      return undefined;
    }
    const readable = (path: string) => SYSTEM_FIELD_COLUMNS.has(path) || visible!.has(path.split('.')[0]!);
    const config: ViewConfig = {
      ...view.config,
      columns: view.config.columns.filter(readable),
      sort: view.config.sort.filter((s) => readable(s.replace(/^-/, ''))),
    };
    return { ...view, config, mine: view.ownerId === actor.userId };
  }

  /** Columns must be readable fields; filter and sort are tried with the caller's permissions, so a view saves only what would run. */
  private async checkConfig(entity: string, config: Static<typeof Config>, actor: Actor): Promise<ViewConfig> {
    const visible = this.visibleFields(entity, actor);
    const problems: ErrorDetail[] = [];
    for (const column of config.columns) {
      if (!SYSTEM_FIELD_COLUMNS.has(column) && !visible!.has(column)) problems.push({ field: 'config.columns', code: 'KITH_VIEW_INVALID', message: `"${column}" is not a field of ${entity} that you can read.` });
    }
    if (config.groupBy !== undefined) {
      const field = this.records.currentModel().entities.get(entity)!.fieldsByName.get(config.groupBy);
      if (!field || !visible!.has(config.groupBy) || field.def.type !== 'select') problems.push({ field: 'config.groupBy', code: 'KITH_VIEW_INVALID', message: `"${config.groupBy}" is not a select field of ${entity} that you can read; a board groups by a select field.` });
    }
    if (problems.length > 0) throw ViewErrors.invalid(problems);
    try {
      await this.records.list(entity, { ...(config.filter ? { filter: config.filter } : {}), ...(config.sort.length ? { sort: config.sort.join(',') } : {}), limit: 1 }, actor);
    } catch (error) {
      if (!isKithError(error) || error.status !== 400) throw error;
      throw ViewErrors.invalid([{ field: error.code === 'KITH_SORT_INVALID' ? 'config.sort' : 'config.filter', code: error.code, message: error.message }]);
    }
    return { columns: config.columns, filter: config.filter, sort: config.sort, ...(config.layout ? { layout: config.layout } : {}), ...(config.groupBy ? { groupBy: config.groupBy } : {}) };
  }
}
