import { randomBytes } from 'node:crypto';
import { registerAuthPlugins } from '../auth/auth-plugins.js';
import { authenticator } from '../auth/authenticator.js';
import { TokenCache } from '../auth/token-cache.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { CursorCodec } from '../data/cursor.js';
import { derivedFieldsObserver } from '../data/derived-fields-observer.js';
import type { Database } from '../data/database.js';
import { describeTarget, parseDatabaseUrl } from '../data/database-url.js';
import { openPostgresDatabase } from '../data/postgres-database.js';
import { RecordService } from '../data/record-service.js';
import { SchemaManager } from '../data/schema-manager.js';
import { openSqliteDatabase } from '../data/sqlite-database.js';
import { installErrorHandling } from '../http/error-handler.js';
import { authRoutes } from '../http/routes/auth.routes.js';
import { configRoutes } from '../http/routes/config.routes.js';
import { healthRoutes } from '../http/routes/health.routes.js';
import { jobRoutes } from '../http/routes/jobs.routes.js';
import { exportRoutes } from '../http/routes/export.routes.js';
import { importRoutes } from '../http/routes/import.routes.js';
import { pluginRoutes } from '../http/routes/plugins.routes.js';
import { historyRoutes } from '../http/routes/history.routes.js';
import { privacyRoutes } from '../http/routes/privacy.routes.js';
import { reportRoutes } from '../http/routes/reports.routes.js';
import { searchRoutes } from '../http/routes/search.routes.js';
import { SearchIndex } from '../search/search-index.js';
import { metadataRoutes } from '../http/routes/metadata.routes.js';
import { layoutRoutes } from '../http/routes/layout.routes.js';
import { LayoutService } from '../metadata/layouts/layout-service.js';
import { roleRoutes } from '../http/routes/roles.routes.js';
import { registerValidationRules } from '../http/routes/rules.routes.js';
import { RoleService } from '../acl/role-service.js';
import { accessRoutes } from '../http/routes/access.routes.js';
import { openApiRoutes } from '../http/routes/openapi.routes.js';
import { recordRoutes } from '../http/routes/records.routes.js';
import { teamRoutes } from '../http/routes/teams.routes.js';
import { userRoutes } from '../http/routes/users.routes.js';
import type { Authenticator } from '../http/request-context.js';
import { stateStore } from '../metadata/customisation-store.js';
import { MetadataService } from '../metadata/metadata-service.js';
import type { MetadataRegistry } from '../metadata/registry.js';
import { JobQueue, type JobQueueOptions } from '../queue/job-queue.js';
import { Worker, type WorkerOptions } from '../queue/worker.js';
import type { MailSettings } from '../workflows/mailer.js';
import { WorkflowEngine } from '../workflows/workflow-engine.js';
import { WorkflowService } from '../workflows/workflow-service.js';
import { installPluginWorkflows } from '../workflows/plugin-workflows.js';
import { workflowRoutes } from '../http/routes/workflows.routes.js';
import { notificationRoutes } from '../http/routes/notifications.routes.js';
import { uiContributionRoutes } from '../http/routes/ui-contributions.routes.js';
import { findAdminUi, serveAdminUi } from '../http/admin-ui.js';
import { filterFieldRoutes } from '../http/routes/filter-fields.routes.js';
import { peopleRoutes } from '../http/routes/people.routes.js';
import { viewRoutes } from '../http/routes/views.routes.js';
import { createInitialUsers, type InitialUser } from './initial-users.js';
import { PluginContexts } from './plugin-context.js';
import { PluginHost } from './plugin-host.js';
import { mountPluginRoutes } from './plugin-routes.js';
import type { PluginEntry } from './plugin-loader.js';
import { KITH_VERSION } from './version.js';

/** How to build an app. */
export interface AppOptions {
  /** `sqlite:./data/kith.db`, `postgres://…[?schema=name]`. */
  readonly databaseUrl: string;
  /** Definitions, module specifiers or loader functions; one that fails to load is reported and left out. */
  readonly plugins?: readonly PluginEntry[];
  /** The folder relative plugin specifiers resolve from (kith.config.js's). Default: the working directory. */
  readonly pluginBaseDir?: string;
  /** Write plugins' seed data on first install (the demo). Default false. */
  readonly seed?: boolean;
  /** Logger: false, true, or a pino level. */
  readonly logger?: boolean | string;
  /** Resolves the caller; the default reads bearer tokens (sessions and API tokens), then the session cookie. */
  readonly authenticate?: Authenticator;
  /** The first administrator, created when the database has no user yet (unattended installs, the demo). */
  readonly firstAdmin?: { readonly email: string; readonly password: string; readonly name?: string };
  /** More users to create along with the first administrator (the demo's people). */
  readonly initialUsers?: readonly InitialUser[];
  /** How often (ms) to look for metadata changes made by other nodes; 0 turns it off. */
  readonly metadataPollMs?: number;
  /** The job queue's clock and bounds (tests pass a ManualClock). */
  readonly jobs?: JobQueueOptions;
  /** The background job worker's settings, or false for none (tests drive Workers themselves). Default: one worker. */
  readonly worker?: false | WorkerOptions;
  /** The SMTP server the workflow action "email" sends through (KITH_SMTP_URL, KITH_MAIL_FROM). */
  readonly mail?: MailSettings;
  /** The built admin UI folder served at `/`, or false for none. Default: `@kith/admin-ui`'s dist, when built. */
  readonly adminUi?: string | false;
}

/** A running Kith: the HTTP server and the services behind it. */
export interface KithApp {
  readonly server: FastifyInstance;
  readonly db: Database;
  readonly registry: MetadataRegistry;
  readonly records: RecordService;
  readonly metadata: MetadataService;
  readonly plugins: PluginHost;
  /** The durable job queue (outbox in this database): enqueue inside a transaction, register handlers. */
  readonly jobs: JobQueue;
  /** The background worker running this node's jobs; undefined with `worker: false`. */
  readonly worker: Worker | undefined;
  /** Workflows at run time: plugin actions register here. */
  readonly workflows: WorkflowEngine;
  /** Global search: rebuilds (`reindex`), and `idle()` to wait for a background catch-up after a metadata change. */
  readonly search: SearchIndex;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

/** Opens the database, syncs the schema to the effective metadata, installs plugins, builds the HTTP server. */
export async function createApp(options: AppOptions): Promise<KithApp> {
  const target = parseDatabaseUrl(options.databaseUrl);
  const db = target.dialect === 'sqlite' ? openSqliteDatabase(target.file) : await openPostgresDatabase(target.url, target.schema);
  const schema = await SchemaManager.open(target, (fn) => db.exclusive(fn));
  let host: PluginHost;
  let registry: MetadataRegistry;
  try {
    host = await PluginHost.load(db, schema, options.plugins ?? [], options.pluginBaseDir ?? process.cwd());
    registry = await host.openRegistry(db, schema);
  } catch (error) {
    await schema.close();
    await db.close();
    throw error;
  }
  const secret = await sharedSecret(db);
  const records = new RecordService(db, registry, new CursorCodec(secret));
  records.observe(derivedFieldsObserver()); // roll-ups and formulas over parents, in the writing transaction
  const metadata = new MetadataService(registry);
  const jobs = new JobQueue(db, options.jobs);
  const server = Fastify({
    logger: options.logger === undefined || options.logger === false ? false : { level: options.logger === true ? 'info' : options.logger },
    bodyLimit: BODY_LIMIT,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  const workflows = new WorkflowEngine({ db, registry, records, jobs, log: server.log, ...(options.mail ? { mail: options.mail } : {}) });
  // JSON only: a text/plain body is a 415, not a string to validate.
  server.removeContentTypeParser('text/plain');
  server.decorateRequest('actor', null);
  const tokenCache = new TokenCache();
  const authenticate = options.authenticate ?? authenticator({ db, cache: tokenCache, secret });
  server.addHook('onRequest', async (request) => {
    // Inbound workflow webhooks carry a signature instead of a session or token.
    if (request.url.startsWith('/api/v1/') && !request.url.startsWith('/api/v1/health') && !request.url.startsWith('/api/v1/hooks/')) request.actor = await authenticate(request);
  });
  installErrorHandling(server);
  healthRoutes(server, db, KITH_VERSION, () => host.status());
  await registerAuthPlugins(server);
  authRoutes(server, db, tokenCache, secret);
  userRoutes(server, db, tokenCache);
  teamRoutes(server, db, tokenCache);
  pluginRoutes(server, db, host);
  recordRoutes(server, records);
  historyRoutes(server, records, db.reader);
  const search = new SearchIndex(db, server.log);
  await search.ensure();
  records.observe(search.observer()); // the search index, kept current in each write's transaction
  registry.onChange((model) => search.catchUp(model)); // a field made searchable gets indexed in the background
  search.catchUp(registry.model);
  reportRoutes(server, db, registry);
  searchRoutes(server, registry, search);
  privacyRoutes(server, db, registry);
  metadataRoutes(server, metadata, registry);
  layoutRoutes(server, new LayoutService(registry));
  roleRoutes(server, new RoleService(registry));
  registerValidationRules(server, registry, records);
  accessRoutes(server, db, registry);
  configRoutes(server, { db, registry, plugins: host });
  jobRoutes(server, jobs);
  importRoutes(server, { db, records, jobs });
  exportRoutes(server, records);
  workflowRoutes(server, new WorkflowService(registry, records, workflows));
  notificationRoutes(server, db);
  uiContributionRoutes(server, registry, () => host.plugins());
  viewRoutes(server, db, records);
  filterFieldRoutes(server, registry);
  peopleRoutes(server, db);
  const adminUi = options.adminUi ?? findAdminUi();
  if (adminUi) await serveAdminUi(server, adminUi);
  await openApiRoutes(server, registry, KITH_VERSION, authenticate);
  const initial = [...(options.firstAdmin ? [{ name: 'Administrator', ...options.firstAdmin, isAdmin: true }] : []), ...(options.initialUsers ?? [])];
  if ((await createInitialUsers(db, initial)) > 0) server.log.info({ users: initial.map((u) => u.email) }, 'first users created');
  const pluginContexts = new PluginContexts({ db, registry, records, secret, log: server.log });
  await host.install(db, pluginContexts, server.log, options.seed === true);
  // Plugin actions and base workflows, checked once the plugins are installed (a misfit leaves its plugin out).
  await installPluginWorkflows(host, workflows, registry, (p) => pluginContexts.system(p));
  await host.start();
  await mountPluginRoutes(server, host.plugins(), pluginContexts); // each plugin's routes in its own scope
  const poll = options.metadataPollMs ?? 2000;
  const timer = poll > 0 ? setInterval(() => void registry.refresh().catch((err: unknown) => server.log.error({ err }, 'metadata refresh failed')), poll) : undefined;
  timer?.unref();
  await workflows.scheduleAll();
  const worker = options.worker === false ? undefined : new Worker(jobs, { log: server.log, ...options.worker });
  worker?.start();
  server.log.info({ database: describeTarget(target) }, 'kith ready');
  return {
    server,
    db,
    registry,
    records,
    metadata,
    plugins: host,
    jobs,
    worker,
    workflows,
    search,
    close: async () => {
      if (timer) clearInterval(timer);
      await worker?.stop();
      workflows.close();
      await search.stop();
      await server.close();
      await host.stop();
      await schema.close();
      await db.close();
    },
  };
}

/** A secret shared by every node on this database (signs cursors); made on first start. */
async function sharedSecret(db: Database): Promise<string> {
  const existing = await stateStore.get(db.reader, 'secret');
  if (existing) return existing;
  await db.transaction((tx) => stateStore.setIfAbsent(tx, 'secret', randomBytes(32).toString('base64url')));
  return (await stateStore.get(db.reader, 'secret'))!;
}
