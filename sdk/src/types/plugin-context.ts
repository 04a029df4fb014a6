import type { Static, TObject } from '@sinclair/typebox';
import type { PluginLogger } from './context.js';
import type { EntityDefinition, FieldDefinition } from './metadata.js';
import type { RecordsApi } from './records.js';

/** A plugin's settings as stored: a JSON object (its shape is the plugin's `settings` schema). */
export type SettingsValues = Readonly<Record<string, unknown>>;

/** Permission-aware records with an explicit transaction. */
export interface PluginRecords extends RecordsApi {
  /**
   * Runs `fn` in one transaction: every write made through `tx` is stored together, or — when
   * `fn` throws — not at all. Reads through `tx` see its own writes. Inside a migration or a
   * seed (which already run in one) it joins that transaction.
   */
  transaction<T>(fn: (tx: RecordsApi) => Promise<T>): Promise<T>;
}

/** Reads the effective metadata (base definitions with the client's customisations applied). */
export interface MetadataReader {
  /** Every entity of the effective model. */
  entities(): readonly EntityDefinition[];
  /** One entity by name, or undefined. */
  entity(name: string): EntityDefinition | undefined;
  /** One field by entity and field name, or undefined. */
  field(entity: string, field: string): FieldDefinition | undefined;
}

/** The plugin's own settings, validated against its `settings` schema (defaults filled in). */
export interface PluginSettingsApi {
  /** The current settings (read from the database: an administrator may have changed them). */
  get(): Promise<SettingsValues>;
  /** The same, typed by the plugin's own settings schema: `await ctx.settings.get(Settings)`. */
  get<T extends TObject>(schema: T): Promise<Static<T>>;
  /** Replaces the settings; refused with every problem named when they do not fit the schema. */
  set(value: SettingsValues): Promise<SettingsValues>;
}

/** Who the plugin is, as its context says. */
export interface PluginIdentity {
  readonly id: string;
  readonly version: string;
}

/**
 * What a plugin's code receives — in routes, migrations, seed and lifecycle hooks: records (as
 * the caller, or as the system outside a request), a metadata reader, a logger and its
 * settings. Never the ORM, the database or the app.
 */
export interface PluginContext {
  readonly plugin: PluginIdentity;
  readonly records: PluginRecords;
  readonly metadata: MetadataReader;
  readonly log: PluginLogger;
  readonly settings: PluginSettingsApi;
}

/** What a migration receives: the context, bound to the upgrade's transaction, and the versions. */
export interface MigrationContext extends PluginContext {
  /** The version installed before this upgrade. */
  readonly from: string;
  /** The version being installed. */
  readonly to: string;
}

/** The signed-in caller of a plugin route. */
export interface RouteUser {
  /** Null for a caller that is not a user (the system). */
  readonly id: number | null;
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
}

/** A request to a plugin route, with its parts validated against the route's schemas. */
export interface RouteRequest<B = unknown, Q = unknown, P = unknown> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly user: RouteUser;
}
