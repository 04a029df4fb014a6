import type { MetadataReader, MigrationContext, PluginContext, PluginDefinition, PluginLogger, PluginSettingsApi, SeedContext, TObject, UsersReader } from '@kith/sdk';
import type { FastifyBaseLogger } from 'fastify';
import { userStore } from '../auth/user-store.js';
import { SYSTEM_ACTOR, type Actor } from '../data/actor.js';
import { CursorCodec } from '../data/cursor.js';
import type { Database, SqlExecutor } from '../data/database.js';
import { RecordReader } from '../data/record-reader.js';
import type { RecordService } from '../data/record-service.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { PluginErrors } from './plugin-errors.js';
import { pluginRecords, type RecordsSource } from './plugin-records.js';
import { pluginSettings } from './plugin-settings.js';

/** Plugin code acting on its own (migrations, hooks): the system, recorded as the plugin channel. */
export const PLUGIN_ACTOR: Actor = { userId: null, channel: 'plugin', isAdmin: true };

/** What the contexts are built from: the app's services, never handed to plugins themselves. */
export interface PluginContextDeps {
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly records: RecordService;
  /** The cursor secret shared by every node (reads inside a transaction page like the API's). */
  readonly secret: string;
  readonly log: FastifyBaseLogger;
}

/**
 * Builds the typed context each piece of plugin code receives: records as the right actor (and
 * in the right transaction), a metadata reader, a logger naming the plugin, and its settings.
 * The facade between plugins and the core: nothing else of the app is reachable from it.
 */
export class PluginContexts {
  private readonly source: RecordsSource;

  constructor(private readonly deps: PluginContextDeps) {
    this.source = { db: deps.db, service: deps.records, reader: new RecordReader(new CursorCodec(deps.secret)) };
  }

  /** For lifecycle hooks outside a transaction: records as the system; `transaction` opens one. */
  system(plugin: PluginDefinition): PluginContext {
    return this.build(plugin, PLUGIN_ACTOR);
  }

  /** For work inside `tx` (install hook): every call joins it. */
  inTransaction(plugin: PluginDefinition, tx: SqlExecutor): PluginContext {
    return this.build(plugin, PLUGIN_ACTOR, tx);
  }

  /** For a route: records as the caller, so their permissions apply. */
  request(plugin: PluginDefinition, actor: Actor): PluginContext {
    return this.build(plugin, { ...actor, channel: 'plugin' });
  }

  /** For a migration: bound to the upgrade's transaction. */
  migration(plugin: PluginDefinition, tx: SqlExecutor, from: string, to: string): MigrationContext {
    return { ...this.build(plugin, PLUGIN_ACTOR, tx), from, to };
  }

  /** For seed data: bound to the seed's transaction, recorded as seed data. */
  seed(plugin: PluginDefinition, tx: SqlExecutor): SeedContext {
    return { ...this.build(plugin, SYSTEM_ACTOR, tx), users: usersReader(tx) };
  }

  /** A logger naming the plugin in every line. */
  logger(plugin: Pick<PluginDefinition, 'id'>): PluginLogger {
    return this.deps.log.child({ plugin: plugin.id });
  }

  private build(plugin: PluginDefinition, actor: Actor, tx?: SqlExecutor): PluginContext {
    const { db, registry } = this.deps;
    return {
      plugin: { id: plugin.id, version: plugin.version },
      records: pluginRecords(this.source, actor, tx),
      metadata: metadataReader(registry),
      log: this.logger(plugin),
      settings: {
        get: ((schema?: TObject) => {
          // The schema only types the result; it must be the plugin's own, or the type would lie.
          if (schema !== undefined && schema !== plugin.settings) throw PluginErrors.foreignSettingsSchema(plugin.id);
          return pluginSettings.get(tx ?? db.reader, plugin);
        }) as PluginSettingsApi['get'],
        set: (value) => (tx ? pluginSettings.set(tx, plugin, value) : db.transaction((t) => pluginSettings.set(t, plugin, value))),
      },
    };
  }
}

/** The effective metadata, read fresh on each call (a customisation swaps the model). */
function metadataReader(registry: MetadataRegistry): MetadataReader {
  return {
    entities: () => [...registry.model.entities.values()].map((e) => e.def),
    entity: (name) => registry.model.entities.get(name)?.def,
    field: (entity, field) => registry.model.entities.get(entity)?.fieldsByName.get(field)?.def,
  };
}

/** Users by email for seed data (never the password hash). */
function usersReader(db: SqlExecutor): UsersReader {
  return {
    byEmail: async (email) => {
      const user = await userStore.byEmail(db, email);
      return user ? { id: user.id, email: user.email, name: user.name } : undefined;
    },
  };
}
