import type { PluginDefinition } from '@kith/sdk';
import type { ErrorDetail } from '../errors/index.js';
import type { PluginSlot, PluginState } from './plugin-host.js';
import type { StoredPlugin } from './plugin-store.js';
import type { UpgradeReport } from './plugin-upgrade.js';

/** One plugin as `GET /api/v1/plugins` shows it. */
export interface PluginReport {
  readonly id: string;
  /** The version loaded now; null when it failed before its definition could be read. */
  readonly version: string | null;
  /** The version recorded in `kith_plugin`; null when it was never installed. */
  readonly installedVersion: string | null;
  readonly state: PluginState;
  readonly requires: Readonly<Record<string, string>>;
  /** Plugins that require this one, directly or through others: they stop with it. */
  readonly dependents: readonly string[];
  readonly error?: { readonly code: string; readonly message: string; readonly errors?: readonly ErrorDetail[] };
  /** The disabled plugin this one requires, when that is why it is disabled. */
  readonly disabledWith?: string;
  /** The state an administrator asked for, when it differs from now (it applies on the next start). */
  readonly pending?: 'enabled' | 'disabled';
  /** The last upgrade: versions, migrations, field changes, the conflicts it caused, and how it ended. */
  readonly lastUpgrade?: UpgradeReport;
}

/** The report of one slot, given its `kith_plugin` row, every definition listed and its last upgrade. */
export function pluginReport(slot: PluginSlot, stored: StoredPlugin | undefined, definitions: readonly PluginDefinition[], lastUpgrade?: UpgradeReport): PluginReport {
  const wanted = stored?.state === 'disabled' ? 'disabled' : 'enabled';
  const disabledItself = slot.state === 'disabled' && slot.disabledWith === undefined;
  const pending = wanted === 'disabled' && !disabledItself ? 'disabled' : wanted === 'enabled' && disabledItself ? 'enabled' : undefined;
  const failure = slot.failure;
  return {
    id: slot.name,
    version: slot.plugin?.version ?? null,
    installedVersion: stored?.version ?? null,
    state: slot.state,
    requires: slot.plugin?.requires ?? {},
    dependents: dependentsOf(slot.name, definitions),
    ...(failure ? { error: { code: failure.code, message: failure.message, ...(failure.errors ? { errors: failure.errors } : {}) } } : {}),
    ...(slot.disabledWith ? { disabledWith: slot.disabledWith } : {}),
    ...(pending ? { pending } : {}),
    ...(lastUpgrade ? { lastUpgrade } : {}),
  };
}

/** Listed plugins that require `id`, directly or through others, in listed order. */
function dependentsOf(id: string, definitions: readonly PluginDefinition[]): string[] {
  const found = new Set<string>();
  const queue = [id];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const p of definitions) {
      if (p.id !== id && !found.has(p.id) && p.requires[current] !== undefined) {
        found.add(p.id);
        queue.push(p.id);
      }
    }
  }
  return [...new Set(definitions.map((p) => p.id))].filter((p) => found.has(p));
}
