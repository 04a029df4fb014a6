#!/usr/bin/env node
import { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { userStore } from './auth/user-store.js';
import { applyCommand, exportCommand, planCommand } from './config-package/package-cli.js';
import { ConfigPackageService } from './config-package/package-service.js';
import { registerDataCommands } from './data-io/data-io-cli.js';
import { isKithError } from './errors/index.js';
import { createApp, type KithApp } from './kernel/create-app.js';
import { loadConfig } from './kernel/load-config.js';
import { registerPluginCommands } from './kernel/plugin-cli.js';
import { registerSearchCommands } from './search/search-cli.js';
import { readSettings } from './kernel/settings.js';
import { KITH_VERSION } from './kernel/version.js';

/** The demo's administrator, created on a first start with demo data and no KITH_ADMIN_* settings. */
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'kith-demo-admin', name: 'Demo Admin' } as const;

async function boot(options: { seed: boolean; listen: boolean; quiet?: boolean }) {
  const settings = readSettings();
  const config = await loadConfig();
  const plugins = [...(config.plugins ?? []), ...(settings.demo && config.demo ? [config.demo] : [])];
  const firstAdmin =
    settings.adminEmail && settings.adminPassword
      ? { email: settings.adminEmail, password: settings.adminPassword }
      : settings.demo && options.seed
        ? DEMO_ADMIN
        : undefined;
  const started = performance.now();
  const app = await createApp({
    databaseUrl: settings.databaseUrl,
    plugins,
    pluginBaseDir: config.dir,
    seed: options.seed && settings.demo,
    // A command whose output is read (a plan, piped or diffed) keeps the log to warnings unless LOG_LEVEL asks.
    logger: options.quiet && process.env.LOG_LEVEL === undefined ? 'warn' : settings.logLevel,
    metadataPollMs: options.listen ? 2000 : 0,
    ...(settings.mail ? { mail: settings.mail } : {}),
    ...(firstAdmin ? { firstAdmin } : {}),
    ...(settings.demo && options.seed && config.demoUsers ? { initialUsers: config.demoUsers } : {}),
  });
  return { app, settings, started, demoAdmin: firstAdmin === DEMO_ADMIN };
}

const program = new Command('kith').version(KITH_VERSION).description('Kith — a plugin-based, low-code CRM framework');

program
  .command('start')
  .description('start the server (syncs the schema; writes demo data on first start unless KITH_DEMO=false)')
  .action(async () => {
    const { app, settings, started, demoAdmin } = await boot({ seed: true, listen: true });
    const address = await app.server.listen({ port: settings.port, host: settings.host });
    const url = address.replace('127.0.0.1', 'localhost');
    const signIn = demoAdmin ? `  Sign in: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (demo only; README lists the demo's sales people)\n` : '';
    const noUsers = (await userStore.count(app.db.reader)) === 0 ? '  No user yet: create one with `pnpm kith user create --admin --email you@example.com --name "Your Name"`\n' : '';
    printPlugins(app, true);
    process.stdout.write(`\nKith ${KITH_VERSION} is running at ${url} (ready in ${Math.round(performance.now() - started)} ms)\n  API:  ${url}/api/v1/health\n  Docs: ${url}/docs\n${signIn}${noUsers}\n`);
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('sync')
  .description('apply the metadata (base ⊕ customisations) to the database and exit')
  .action(async () => {
    const { app, started } = await boot({ seed: false, listen: false });
    process.stdout.write(`schema in sync with metadata revision ${app.registry.model.revision} (${Math.round(performance.now() - started)} ms)\n`);
    await app.close();
  });

program
  .command('seed')
  .description('write the sample data of plugins that have not written theirs yet, and exit')
  .action(async () => {
    const { app } = await boot({ seed: true, listen: false });
    printPlugins(app);
    await app.close();
  });

const user = program.command('user').description('manage users');
user
  .command('create')
  .description('create a user (reads the password from KITH_PASSWORD or asks for it)')
  .requiredOption('--email <email>', 'the sign-in email')
  .requiredOption('--name <name>', 'the display name')
  .option('--admin', 'make the user an administrator', false)
  .action(async (opts: { email: string; name: string; admin: boolean }) => {
    const password = process.env.KITH_PASSWORD ?? (await askSecret('Password (at least 10 characters): '));
    const { app } = await boot({ seed: false, listen: false });
    try {
      const created = await app.db.transaction((tx) => userStore.create(tx, { email: opts.email, name: opts.name, password, isAdmin: opts.admin }));
      process.stdout.write(`created ${created.isAdmin ? 'administrator' : 'user'} ${created.email} (id ${created.id})\n`);
    } finally {
      await app.close();
    }
  });

const config = program.command('config').description('customisation packages (config as code): export, plan, apply — see docs/consultants.md');
config
  .command('export')
  .description("write this instance's customisations to a package folder: deterministic JSON, one file per entity, role, entity's rules and workflow")
  .argument('<dir>', 'the package folder (created if missing; package files it no longer needs are removed)')
  .option('--plugin <id>', "only one plugin's part: its entities, custom entities relating to them, their rules, roles granting only on them")
  .action(async (dir: string, opts: { plugin?: string }) => withPackages((packages) => exportCommand(packages, dir, opts.plugin)));
config
  .command('plan')
  .description('list what applying a package folder would change here, flagging destructive changes and the rows at risk')
  .argument('<dir>', 'the package folder')
  .action(async (dir: string) => withPackages((packages) => planCommand(packages, dir)));
config
  .command('apply')
  .description('apply a package folder: the changes of its plan, in order; a second apply changes nothing')
  .argument('<dir>', 'the package folder')
  .option('--confirm-destructive', 'go ahead with destructive changes (field removals, narrowing); without it a plan that has any is refused', false)
  .action(async (dir: string, opts: { confirmDestructive: boolean }) => withPackages((packages) => applyCommand(packages, dir, opts.confirmDestructive)));

registerPluginCommands(program, async () => (await boot({ seed: false, listen: false })).app);
registerSearchCommands(program, async () => (await boot({ seed: false, listen: false, quiet: true })).app);

registerDataCommands(program, async () => (await boot({ seed: false, listen: false })).app);

program.parseAsync().catch((error: unknown) => {
  if (isKithError(error)) {
    process.stderr.write(`kith: ${error.message} [${error.code}]\n`);
    for (const e of error.errors) process.stderr.write(`  - ${e.field ? `${e.field}: ` : ''}${e.message}\n`);
  } else {
    process.stderr.write(`kith: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});

/** One line per plugin (or only the ones left out): id@version, state, and why. */
function printPlugins(app: KithApp, onlyProblems = false): void {
  for (const p of app.plugins.status()) {
    if (onlyProblems && p.state !== 'failed') continue;
    process.stdout.write(`${p.name}${p.version ? `@${p.version}` : ''}: ${p.state}${p.error ? ` — ${p.error} [${p.code}]` : ''}\n`);
  }
}

/** Reads a line from the terminal without echoing it. */
async function askSecret(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput?: (s: string) => void })._writeToOutput;
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.startsWith(prompt) && write) write.call(rl, prompt);
  };
  try {
    return await rl.question(prompt);
  } finally {
    process.stdout.write('\n');
    rl.close();
  }
}

/** Boots the app on DATABASE_URL (no seed data, no polling), runs a package command, prints its output. */
async function withPackages(run: (packages: ConfigPackageService) => Promise<string>): Promise<void> {
  const { app } = await boot({ seed: false, listen: false, quiet: true });
  try {
    process.stdout.write(await run(new ConfigPackageService({ db: app.db, registry: app.registry, plugins: app.plugins })));
  } finally {
    await app.close();
  }
}
