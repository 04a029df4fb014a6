import { KithError, type ErrorDetail } from '../errors/index.js';

const causeMessage = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));
const listed = (errors: readonly ErrorDetail[]) => errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');

/**
 * Named factories for the errors of the plugin lifecycle beyond loading and resolving (those
 * are in `errors.ts`): installs, upgrades and their migrations, settings, routes and uninstall.
 * Every message names the plugin; codes are stable API.
 */
export const PluginErrors = {
  downgrade: (plugin: string, configured: string, installed: string) =>
    new KithError({
      code: 'KITH_PLUGIN_DOWNGRADE',
      status: 500,
      message: `Plugin "${plugin}" ${configured} is older than the installed ${installed}; ${installed}'s migrations may already have changed its data, so it is not started. Use ${installed} or later (downgrades are not supported; restore a backup taken before the upgrade to go back).`,
    }),

  installFailed: (plugin: string, cause: unknown) =>
    new KithError({ code: 'KITH_PLUGIN_INSTALL_FAILED', status: 500, message: `install failed: ${causeMessage(cause)} (plugin "${plugin}"; nothing was written, it is installed again on the next start)`, cause }),

  migrationFailed: (plugin: string, from: string, to: string, migration: { readonly version: string; readonly description?: string }, cause: unknown) =>
    new KithError({
      code: 'KITH_PLUGIN_MIGRATION_FAILED',
      status: 500,
      field: `migrations.${migration.version}`,
      message: `Upgrading plugin "${plugin}" from ${from} to ${to} failed in migration ${migration.version}${migration.description ? ` ("${migration.description}")` : ''}: ${causeMessage(cause)}. Nothing was changed: the upgrade was rolled back and ${from} stays installed. The plugin is left out until it upgrades; fix the migration (or its data) and restart.`,
      cause,
    }),

  renameInvalid: (plugin: string, at: string, why: string) =>
    new KithError({ code: 'KITH_PLUGIN_MIGRATION_INVALID', status: 500, field: at, message: `Plugin "${plugin}": ${at}: ${why}` }),

  startFailed: (plugin: string, cause: unknown) =>
    new KithError({ code: 'KITH_PLUGIN_START_FAILED', status: 500, message: `start failed: ${causeMessage(cause)} (plugin "${plugin}"; it is left out until the next start)`, cause }),

  settingsInvalid: (plugin: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PLUGIN_SETTINGS_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: `The settings of plugin "${plugin}" do not fit its settings schema: ${listed(errors)}. GET /api/v1/plugins/${plugin}/settings shows the schema.`,
      errors,
    }),

  storedSettingsInvalid: (plugin: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PLUGIN_SETTINGS_STALE',
      status: 409,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: `The stored settings of plugin "${plugin}" no longer fit its settings schema (it changed in an upgrade): ${listed(errors)}. An administrator sets them again with PUT /api/v1/plugins/${plugin}/settings.`,
      errors,
    }),

  foreignSettingsSchema: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_SETTINGS_SCHEMA', status: 500, message: `Plugin "${plugin}" called ctx.settings.get(schema) with a schema other than its own settings schema; pass the one given to definePlugin (or none).` }),

  requestInvalid: (plugin: string, part: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PLUGIN_REQUEST_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${errors[0]!.message} (request ${part})` : `The request ${part} has ${errors.length} problems: ${listed(errors)}.`,
      errors,
      extra: { plugin },
    }),

  routeFailed: (plugin: string, method: string, url: string, cause: unknown) =>
    new KithError({
      code: 'KITH_PLUGIN_ROUTE_FAILED',
      status: 500,
      message: `Plugin "${plugin}" failed while handling ${method} ${url}; the error was logged with the plugin's name. Report it to the plugin's authors.`,
      extra: { plugin },
      cause,
    }),

  routeRefused: (plugin: string, init: { status: number; code: string; message: string; field?: string | undefined }) =>
    new KithError({ code: init.code, status: init.status, message: init.message, ...(init.field !== undefined ? { field: init.field } : {}), extra: { plugin } }),

  stillListed: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_STILL_LISTED', status: 409, message: `Plugin "${plugin}" is still listed in kith.config.js, so the next start would install it again. Remove it from kith.config.js (on every node), then uninstall it.` }),

  notInstalled: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_NOT_INSTALLED', status: 409, message: `Plugin "${plugin}" is not installed on this database (kith_plugin has no row for it); there is nothing to uninstall.` }),

  purgeUnconfirmed: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_PURGE_UNCONFIRMED', status: 409, message: `Purging plugin "${plugin}" drops its tables for good and needs a confirmation: run the command in a terminal, or add --yes. Nothing was changed.` }),

  purgeUnknown: (plugin: string) =>
    new KithError({
      code: 'KITH_PLUGIN_PURGE_UNKNOWN',
      status: 409,
      message: `Kith has no record of the entities of plugin "${plugin}" (it was installed by an earlier Kith and has not started since), so it cannot purge them. Uninstall without --purge, or start it once before purging.`,
    }),

  purgeBlocked: (plugin: string, errors: readonly ErrorDetail[]) =>
    new KithError({ code: 'KITH_PLUGIN_PURGE_BLOCKED', status: 409, message: `Plugin "${plugin}" cannot be purged: ${listed(errors)}. Nothing was dropped.`, errors }),
} as const;
