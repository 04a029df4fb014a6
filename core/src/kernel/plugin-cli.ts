import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import type { KithApp } from './create-app.js';
import { loadConfig } from './load-config.js';
import { readUpgradePlans } from './plugin-plan-reader.js';
import { scaffoldPlugin } from './plugin-scaffold.js';
import { PluginErrors } from './plugin-errors.js';
import { tablesToPurge, uninstallPlugin } from './plugin-uninstall.js';
import type { UpgradePlan } from './plugin-upgrade-plan.js';
import { readSettings } from './settings.js';

/** Boots the app on DATABASE_URL with kith.config.js's plugins (no seed data, no polling). */
export type BootApp = () => Promise<KithApp>;

/** `kith plugin create | upgrade [--plan] | uninstall` (the CLI wires them; tests call the functions behind them). */
export function registerPluginCommands(program: Command, bootApp: BootApp): void {
  const plugin = program.command('plugin').description('plugins: scaffold one, upgrade (see the plan first), uninstall — see docs/plugin-authors.md and docs/operators.md');

  plugin
    .command('create')
    .description('scaffold a plugin folder: package.json, src/index.ts (definePlugin), a test with createTestApp that passes as written')
    .argument('<name>', 'the plugin id: lower-case words joined by dashes')
    .option('--dir <dir>', 'the folder to create (default: ./<name>)')
    .action((name: string, opts: { dir?: string }) => {
      const { dir, files } = scaffoldPlugin(name, opts.dir ?? name);
      process.stdout.write(`created ${dir}\n${files.map((f) => `  ${f}\n`).join('')}next: cd ${dir} && npm install && npm test\n`);
    });

  plugin
    .command('upgrade')
    .description('upgrade the installed plugins to the versions kith.config.js lists (migrations run, customisations re-applied), and exit')
    .option('--plan', 'only print what the upgrade would do — versions, migrations, fields added, removed, renamed, the customisation conflicts — touching nothing', false)
    .action(async (opts: { plan: boolean }) => {
      if (opts.plan) {
        const settings = readSettings();
        const config = await loadConfig();
        const entries = [...(config.plugins ?? []), ...(settings.demo && config.demo ? [config.demo] : [])];
        const { plans, failures } = await readUpgradePlans(settings.databaseUrl, entries, config.dir);
        process.stdout.write(plans.map(formatPlan).join('\n'));
        for (const f of failures) process.stdout.write(`\n${f.plugin}: will not start — ${f.message} [${f.code}]\n`);
        return;
      }
      const started = new Date().toISOString();
      const app = await bootApp();
      try {
        for (const p of app.plugins.report()) {
          const upgrade = p.lastUpgrade && p.lastUpgrade.at >= started ? p.lastUpgrade : undefined;
          if (p.state === 'failed') {
            process.exitCode = 1;
            process.stdout.write(`${p.id}: FAILED — ${p.error?.message ?? 'see the log'} [${p.error?.code ?? ''}]\n`);
          } else if (upgrade) {
            process.stdout.write(`${p.id}: upgraded ${upgrade.from} → ${upgrade.to}${upgrade.migrations.length ? ` (migrations ${upgrade.migrations.map((m) => m.version).join(', ')})` : ''}\n`);
            for (const c of upgrade.conflicts) process.stdout.write(`  conflict: ${c.message}\n`);
          } else {
            process.stdout.write(`${p.id}: ${p.state} at ${p.installedVersion ?? p.version ?? '?'}\n`);
          }
        }
      } finally {
        await app.close();
      }
    });

  plugin
    .command('uninstall')
    .description('forget a plugin removed from kith.config.js (its data stays unless --purge); listing it again installs it afresh')
    .argument('<id>', 'the plugin id')
    .option('--purge', "also drop its entities' tables and their data (asks to confirm)", false)
    .option('--yes', 'confirm --purge without asking', false)
    .action(async (id: string, opts: { purge: boolean; yes: boolean }) => {
      const app = await bootApp();
      try {
        if (opts.purge && !opts.yes) {
          const tables = (await tablesToPurge(app, id)) ?? [];
          if (!process.stdin.isTTY) throw PluginErrors.purgeUnconfirmed(id);
          const answer = await ask(`This drops the tables ${tables.map((t) => `"${t}"`).join(', ') || '(none recorded)'} of plugin "${id}" with all their data, for good.\nType the plugin id to confirm: `);
          if (answer.trim() !== id) {
            process.stdout.write('not confirmed: nothing was changed\n');
            process.exitCode = 1;
            return;
          }
        }
        const report = await uninstallPlugin(app, id, { purge: opts.purge });
        process.stdout.write(
          `uninstalled ${report.plugin} ${report.version}: ${report.purged ? `dropped ${report.tables.join(', ') || 'no tables'}` : `its tables (${report.tables.join(', ') || 'none'}) and data are kept`}\n` +
            (report.extensionFields.length ? `  kept the columns of the fields it added to other entities: ${report.extensionFields.join(', ')}\n` : '') +
            (report.customisations ? `  ${report.customisations} customisation(s) of its entities are kept and show as conflicts (GET /api/v1/metadata/customisations)\n` : ''),
        );
      } finally {
        await app.close();
      }
    });
}

/** A plan as text an operator reads before upgrading. */
export function formatPlan(plan: UpgradePlan): string {
  const head = {
    install: `${plan.plugin}: install ${plan.to}`,
    upgrade: `${plan.plugin}: upgrade ${plan.from} → ${plan.to}`,
    none: `${plan.plugin}: ${plan.to} is installed; nothing to do`,
    downgrade: `${plan.plugin}: ${plan.to} is older than the installed ${plan.from}; it will not start`,
  }[plan.action];
  const lines = [head];
  for (const m of plan.migrations) {
    const renames = m.renameFields.map((r) => `rename ${r.entity}.${r.from} → ${r.to}`);
    lines.push(`  migration ${m.version}${m.description ? ` — ${m.description}` : ''}${renames.length || m.up ? `: ${[...renames, ...(m.up ? ['runs its up()'] : [])].join('; ')}` : ''}`);
  }
  const list = (label: string, items: readonly string[]) => items.length > 0 && lines.push(`  ${label}: ${items.join(', ')}`);
  list('new entities', plan.entities.added);
  list('removed entities', plan.entities.removed);
  list('new fields', plan.fields.added);
  list('removed fields', plan.fields.removed);
  list('renamed fields', plan.fields.renamed.map((r) => `${r.entity}.${r.from} → ${r.to} (${r.by === 'migration' ? 'values move' : 'same id, values stay'})`));
  list('retyped fields', plan.fields.retyped.map((t) => `${t.field} ${t.from} → ${t.to}`));
  if (plan.conflicts.length > 0) lines.push(`  ${plan.conflicts.length} customisation conflict(s) (kept, reported, never dropped):`, ...plan.conflicts.map((c) => `    - #${c.seq} ${c.kind}: ${c.message}`));
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}

async function ask(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}
