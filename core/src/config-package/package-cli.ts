import { MANIFEST } from './package-format.js';
import { readPackageFolder, writePackageFolder } from './package-folder.js';
import type { ApplyResult, ConfigPackageService } from './package-service.js';
import type { PackagePlan, PlannedChange } from './plan-package.js';

// The `kith config` commands, as functions of a booted app's package service: cli.ts boots
// and prints, tests call these directly. Each returns the text to print.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function marker(c: PlannedChange): string {
  if (c.destructive) return '!';
  if (c.kind.startsWith('add')) return '+';
  if (c.kind.startsWith('remove')) return '-';
  return '~';
}

/** One line per change: `+ add field deal.region (select)`, `! remove field company.vatNumber — 12 row(s) hold a value`. */
export function formatPlan(plan: PackagePlan): string {
  const lines: string[] = [];
  for (const p of plan.plugins) lines.push(`? plugin ${p.plugin}: ${p.package ?? 'absent'} in the package, ${p.target ?? 'absent'} here`);
  if (plan.changes.length === 0) lines.push('Nothing to apply: this instance has every customisation of the package.');
  for (const c of plan.changes) lines.push(`${marker(c)} ${c.summary}${c.risk ? ` — ${c.risk}` : ''}   (${c.file}[${c.index}])`);
  if (plan.onlyInTarget.length > 0) {
    lines.push('', `Only in this instance (not removed by apply): ${plural(plan.onlyInTarget.length, 'customisation')}`);
    for (const c of plan.onlyInTarget) lines.push(`  ${c.summary}`);
  }
  const destructive = plan.changes.filter((c) => c.destructive).length;
  if (plan.changes.length > 0) {
    lines.push('', `${plural(plan.changes.length, 'change')} to apply${destructive > 0 ? `, ${destructive} destructive (apply needs --confirm-destructive)` : ''}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** `kith config export <dir> [--plugin X]`. */
export async function exportCommand(service: ConfigPackageService, dir: string, plugin?: string): Promise<string> {
  const files = service.export(plugin);
  await writePackageFolder(dir, files);
  const count = Object.keys(files).length - 1;
  const manifest = JSON.parse(files[MANIFEST]!) as { order: string[] };
  const conflicts = service.conflicts();
  const leftOut = conflicts.length === 0 ? '' : `left out ${plural(conflicts.length, 'conflicting customisation')} (no effect here; see GET /api/v1/metadata/customisations):\n${conflicts.map((c) => `  #${c.seq} ${c.message}`).join('\n')}\n`;
  return `wrote ${plural(manifest.order.length, 'customisation')} in ${plural(count, 'file')} (and ${MANIFEST}) to ${dir}\n${leftOut}`;
}

/** `kith config plan <dir>`. */
export async function planCommand(service: ConfigPackageService, dir: string): Promise<string> {
  return formatPlan(await service.plan(await readPackageFolder(dir)));
}

/** `kith config apply <dir> [--confirm-destructive]`. */
export async function applyCommand(service: ConfigPackageService, dir: string, confirmDestructive: boolean): Promise<string> {
  const result: ApplyResult = await service.apply(await readPackageFolder(dir), { userId: null, confirmDestructive });
  if (result.applied === 0) return 'Nothing to apply: this instance has every customisation of the package.\n';
  return `${result.changes.map((c) => `${marker(c)} ${c.summary}`).join('\n')}\napplied ${plural(result.applied, 'change')}\n`;
}
