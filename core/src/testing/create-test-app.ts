import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenStore } from '../auth/token-store.js';
import { userStore } from '../auth/user-store.js';
import { createApp, type AppOptions, type KithApp } from '../kernel/create-app.js';
import type { CustomisationChange } from '../metadata/customisation.js';
import type { InitialUser } from '../kernel/initial-users.js';
import type { PluginEntry } from '../kernel/plugin-loader.js';

/** Options of a test app. */
export interface TestAppOptions {
  /** Definitions, module specifiers or loader functions (`() => import('./x.js')`), as in kith.config.js. */
  readonly plugins?: readonly PluginEntry[];
  /** The folder relative plugin specifiers resolve from (default: the working directory). */
  readonly pluginBaseDir?: string;
  /** Defaults to a fresh SQLite file in the OS temp folder, removed on close. */
  readonly databaseUrl?: string;
  readonly seed?: boolean;
  /** A pino level to see the server's log (default: silent). */
  readonly logger?: string;
  /** Users (with roles and teams) to create before plugins write their seed data. */
  readonly initialUsers?: readonly InitialUser[];
  /** The job queue's clock and bounds: pass a ManualClock to move time instead of sleeping. */
  readonly jobs?: AppOptions['jobs'];
  /** The background job worker's settings, or false to drive Workers from the test (default: one worker). */
  readonly worker?: AppOptions['worker'];
  /** An SMTP server for the workflow action "email" (start a local one in the test). */
  readonly mail?: AppOptions['mail'];
  /**
   * A client's customisations to apply on top of the plugins before the test runs (fields,
   * rules, workflows, roles…), in order, as the metadata API would: test your plugin against the
   * setups your clients run. A customisation that does not apply fails the boot with its reason.
   */
  readonly customisations?: readonly CustomisationChange[];
}

/** A booted app for tests, with a cleanup that also removes its temporary database. */
export interface TestApp extends KithApp {
  readonly databaseUrl: string;
  /** An API token of the administrator every test app starts with. */
  readonly adminToken: string;
  /** Headers that authenticate as that administrator. */
  readonly adminHeaders: Readonly<Record<string, string>>;
}

/**
 * Boots a real Kith (real database, real HTTP stack via `server.inject`) for tests of core,
 * plugins and examples. Every test app gets its own database.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  let file: string | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    const dir = join(tmpdir(), 'kith-tests');
    mkdirSync(dir, { recursive: true });
    file = join(dir, `app-${randomBytes(6).toString('hex')}.db`);
    databaseUrl = `sqlite:${file}`;
  }
  const app = await createApp({
    databaseUrl,
    plugins: options.plugins ?? [],
    seed: options.seed ?? false,
    logger: options.logger ?? false,
    ...(options.initialUsers ? { initialUsers: options.initialUsers } : {}),
    ...(options.pluginBaseDir ? { pluginBaseDir: options.pluginBaseDir } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.worker !== undefined ? { worker: options.worker } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
    metadataPollMs: 0,
  });
  try {
    for (const change of options.customisations ?? []) await app.registry.change(change, { userId: null, confirm: true });
  } catch (error) {
    await app.close();
    throw error;
  }
  const adminToken = await app.db.transaction(async (tx) => {
    // A second test app on the same database (two nodes) reuses the first one's administrator.
    const admin = (await userStore.byEmail(tx, 'admin@test.kith')) ?? (await userStore.create(tx, { email: 'admin@test.kith', name: 'Test Admin', password: randomBytes(12).toString('hex'), isAdmin: true }));
    return (await tokenStore.issue(tx, admin.id, 'api', 'tests', 3_600_000)).token;
  });
  return {
    ...app,
    databaseUrl,
    adminToken,
    adminHeaders: { authorization: `Bearer ${adminToken}` },
    close: async () => {
      await app.close();
      if (file) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
