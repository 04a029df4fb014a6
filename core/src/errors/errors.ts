import { KithError, type ErrorDetail } from './kith-error.js';

const list = (names: Iterable<string>) => [...names].map((n) => `"${n}"`).join(', ');
const causeMessage = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** Named factories for every error Kith reports; codes are stable API. */
export const Errors = {
  entityNotFound: (entity: string) =>
    new KithError({ code: 'KITH_ENTITY_NOT_FOUND', status: 404, message: `There is no entity "${entity}". GET /api/v1/metadata/entities lists the entities you can use.` }),

  recordNotFound: (entity: string, id: unknown) =>
    new KithError({ code: 'KITH_RECORD_NOT_FOUND', status: 404, message: `There is no ${entity} with id ${String(id)} (it may have been deleted).` }),

  recordNotDeleted: (entity: string, id: unknown) =>
    new KithError({ code: 'KITH_RECORD_NOT_DELETED', status: 409, message: `${entity} ${String(id)} is not deleted, so there is nothing to restore.` }),

  invalidId: (value: unknown) =>
    new KithError({ code: 'KITH_RECORD_INVALID_ID', status: 400, field: 'id', message: `"${String(value)}" is not a record id: ids are positive whole numbers.` }),

  validationFailed: (entity: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_VALIDATION_FAILED',
      status: 400,
      ...(errors.length === 1 && errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${errors[0]!.message}` : `The ${entity} has ${errors.length} problems; see "errors".`,
      errors,
    }),

  bulkFailed: (entity: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_BULK_VALIDATION_FAILED',
      status: 400,
      message: `Nothing was stored: ${new Set(errors.map((e) => e.index)).size} of the ${entity} rows have problems; see "errors" (each names its row index and field).`,
      errors,
    }),

  bulkTooLarge: (count: number, max: number) =>
    new KithError({ code: 'KITH_BULK_TOO_LARGE', status: 400, message: `A bulk request takes at most ${max} rows; this one has ${count}. Split it into smaller requests.` }),

  bulkNotArray: () =>
    new KithError({ code: 'KITH_BULK_INVALID', status: 400, message: 'A bulk request body is a JSON array of records (or { "records": [...] }).' }),

  versionRequired: (entity: string) =>
    new KithError({ code: 'KITH_VERSION_REQUIRED', status: 428, field: 'version', message: `Send the "version" you read (in the body or an If-Match header) so concurrent edits of this ${entity} are not lost.` }),

  versionConflict: (entity: string, id: number, sent: number, current: number) =>
    new KithError({
      code: 'KITH_VERSION_CONFLICT',
      status: 409,
      field: 'version',
      message: `${entity} ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}. Reload it, reapply your change and send version ${current}.`,
      extra: { currentVersion: current },
    }),

  unknownField: (entity: string, field: string, known: Iterable<string>) =>
    new KithError({ code: 'KITH_FIELD_UNKNOWN', status: 400, field, message: `"${field}" is not a field of ${entity}. Known fields: ${list(known)}.` }),

  invalidFilter: (message: string, field?: string) =>
    new KithError({ code: 'KITH_FILTER_INVALID', status: 400, ...(field !== undefined ? { field } : {}), message }),

  invalidSort: (message: string, field?: string) =>
    new KithError({ code: 'KITH_SORT_INVALID', status: 400, ...(field !== undefined ? { field } : {}), message }),

  invalidCursor: () =>
    new KithError({ code: 'KITH_CURSOR_INVALID', status: 400, field: 'cursor', message: 'The cursor is not valid for this list (it was altered, or the sort changed). Start again without a cursor.' }),

  invalidQuery: (parameter: string, message: string) =>
    new KithError({ code: 'KITH_QUERY_INVALID', status: 400, field: parameter, message }),

  invalidBody: (message: string) =>
    new KithError({ code: 'KITH_BODY_INVALID', status: 400, message }),

  bodyTooLarge: (limit: number) =>
    new KithError({ code: 'KITH_BODY_TOO_LARGE', status: 413, message: `The request body is larger than ${Math.round(limit / 1024)} KB. Send less at once (use bulk requests of up to 1,000 rows).` }),

  unsupportedMediaType: (type: string | undefined) =>
    new KithError({ code: 'KITH_UNSUPPORTED_MEDIA_TYPE', status: 415, message: `Send JSON with "Content-Type: application/json" (got ${type ? `"${type}"` : 'none'}).` }),

  definitionInvalid: (what: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_METADATA_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${what}: ${errors[0]!.message}` : `${what} has ${errors.length} problems; see "errors".`,
      errors,
    }),

  entityExists: (entity: string) =>
    new KithError({ code: 'KITH_METADATA_ENTITY_EXISTS', status: 409, field: 'name', message: `An entity named "${entity}" already exists; choose another name.` }),

  fieldExists: (entity: string, field: string) =>
    new KithError({ code: 'KITH_METADATA_FIELD_EXISTS', status: 409, field: 'name', message: `${entity} already has a field named "${field}"; choose another name.` }),

  fieldNotFound: (entity: string, field: string) =>
    new KithError({ code: 'KITH_METADATA_FIELD_NOT_FOUND', status: 404, field, message: `${entity} has no field "${field}".` }),

  requiredViolated: (entity: string, field: string, count: number) =>
    new KithError({
      code: 'KITH_METADATA_REQUIRED_VIOLATED',
      status: 409,
      field,
      message: `${count} existing ${entity} record${count === 1 ? ' has' : 's have'} no "${field}", so it cannot be made required yet. Fill them in first (filter {"${field}":{"$null":true}}), then try again.`,
      extra: { violations: count },
    }),

  confirmationRequired: (what: string, risk: string) =>
    new KithError({ code: 'KITH_METADATA_CONFIRMATION_REQUIRED', status: 409, message: `${what} is destructive: ${risk} Repeat the request with "confirm": true to go ahead.` }),

  changeNotAllowed: (what: string, why: string, field?: string) =>
    new KithError({ code: 'KITH_METADATA_CHANGE_NOT_ALLOWED', status: 400, ...(field !== undefined ? { field } : {}), message: `${what}: ${why}` }),

  ruleInvalid: (what: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_RULE_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${what}: ${errors[0]!.message}` : `${what} has ${errors.length} problems: ${errors.map((e) => e.message).join(' ')}`,
      errors,
    }),

  ruleNotFound: (entity: string, rule: string) =>
    new KithError({ code: 'KITH_RULE_NOT_FOUND', status: 404, message: `${entity} has no validation rule "${rule}". GET /api/v1/metadata/entities/${entity}/rules lists them.` }),

  validationRuleFailed: (entity: string, errors: readonly ErrorDetail[], bulk: boolean) =>
    new KithError({
      code: 'KITH_VALIDATION_RULE_FAILED',
      status: 400,
      ...(errors.length === 1 && errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: bulk
        ? `Nothing was stored: ${new Set(errors.map((e) => e.index)).size} of the ${entity} rows break validation rules; see "errors" (each names its row index, rule and field).`
        : [...new Set(errors.map((e) => e.message))].join(' '),
      errors,
    }),

  uniqueViolated: (entity: string, fields: readonly string[]) =>
    new KithError({
      code: 'KITH_UNIQUE_VIOLATED',
      status: 409,
      ...(fields[0] !== undefined ? { field: fields[0] } : {}),
      message: `Another ${entity} already has this ${fields.join(' + ')}; values must be unique.`,
    }),

  referenceNotFound: (entity: string, field: string, target: string, id: unknown) =>
    new KithError({ code: 'KITH_REFERENCE_NOT_FOUND', status: 400, field, message: `${entity}.${field} points to ${target} ${String(id)}, which does not exist.` }),

  unauthenticated: () =>
    new KithError({ code: 'KITH_AUTH_REQUIRED', status: 401, message: 'Sign in (POST /api/v1/auth/login) or send "Authorization: Bearer <token>".' }),

  invalidToken: () =>
    new KithError({ code: 'KITH_AUTH_INVALID_TOKEN', status: 401, message: 'The token is not valid (unknown, revoked or expired). Sign in again or create a new API token.' }),

  invalidCredentials: () =>
    new KithError({ code: 'KITH_AUTH_INVALID_CREDENTIALS', status: 401, message: 'The email or password is wrong.' }),

  forbidden: (what: string) =>
    new KithError({ code: 'KITH_FORBIDDEN', status: 403, message: `You may not ${what}. Ask an administrator for access.` }),

  routeNotFound: (method: string, url: string) =>
    new KithError({ code: 'KITH_ROUTE_NOT_FOUND', status: 404, message: `There is no ${method} ${url}. The API is described at /openapi.json and browsable at /docs.` }),

  databaseBusy: (cause: unknown) =>
    new KithError({ code: 'KITH_DATABASE_BUSY', status: 503, message: 'The database is busy; retry in a moment.', cause }),

  // Plugins: reported per plugin in /api/v1/health and /api/v1/plugins; the server starts without it.
  pluginLoadFailed: (name: string, cause: unknown) =>
    new KithError({ code: 'KITH_PLUGIN_LOAD_FAILED', status: 500, message: `Plugin ${name} could not be loaded: ${causeMessage(cause)}`, cause }),

  pluginInvalid: (name: string, why: string, errors?: readonly ErrorDetail[]) =>
    new KithError({ code: 'KITH_PLUGIN_INVALID', status: 500, message: `Plugin ${name} is not a valid plugin: ${why}`, ...(errors ? { errors } : {}) }),

  pluginDuplicate: (plugin: string, versions: readonly string[]) =>
    new KithError({ code: 'KITH_PLUGIN_DUPLICATE', status: 500, message: `Plugin "${plugin}" is listed ${versions.length} times (${versions.join(', ')}); list it once in kith.config.js.` }),

  pluginMissingDependency: (plugin: string, dependency: string, range: string) =>
    new KithError({ code: 'KITH_PLUGIN_MISSING_DEPENDENCY', status: 500, field: `requires.${dependency}`, message: `Plugin "${plugin}" requires "${dependency}" ${range}, which is not listed in kith.config.js. Add "${dependency}" or remove "${plugin}".` }),

  pluginIncompatibleDependency: (plugin: string, dependency: string, range: string, found: string) =>
    new KithError({
      code: 'KITH_PLUGIN_INCOMPATIBLE_DEPENDENCY',
      status: 500,
      field: `requires.${dependency}`,
      message: `Plugin "${plugin}" requires "${dependency}" ${range}, but "${dependency}" is version ${found}. Use a version of "${dependency}" in that range, or a version of "${plugin}" that accepts ${found}.`,
    }),

  pluginInvalidRange: (plugin: string, dependency: string, range: string) =>
    new KithError({ code: 'KITH_PLUGIN_INVALID', status: 500, field: `requires.${dependency}`, message: `Plugin "${plugin}" requires "${dependency}" with "${range}", which is not a semver range (e.g. "^1.2.0").` }),

  pluginCycle: (plugin: string, path: readonly string[]) =>
    new KithError({ code: 'KITH_PLUGIN_CYCLE', status: 500, message: `Plugin "${plugin}" is part of a dependency cycle: ${path.join(' → ')}. Plugins cannot require each other in a circle; move what they share into one plugin.` }),

  pluginDependencyFailed: (plugin: string, dependency: string) =>
    new KithError({ code: 'KITH_PLUGIN_DEPENDENCY_FAILED', status: 500, field: `requires.${dependency}`, message: `Plugin "${plugin}" was not started because it requires "${dependency}", which failed; see the error of "${dependency}".` }),

  pluginMetadataInvalid: (plugin: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PLUGIN_METADATA_INVALID',
      status: 500,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: `Plugin "${plugin}" has entities or roles that do not fit with the plugins it requires and the others loaded: ${errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}`,
      errors,
    }),

  pluginSeedFailed: (plugin: string, cause: unknown) =>
    new KithError({ code: 'KITH_PLUGIN_SEED_FAILED', status: 500, message: `seed failed: ${causeMessage(cause)} (plugin "${plugin}"; nothing was written, it runs again on the next start)`, cause }),

  pluginNotFound: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_NOT_FOUND', status: 404, message: `There is no plugin "${plugin}". GET /api/v1/plugins lists the plugins in kith.config.js.` }),

  pluginInUse: (plugin: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PLUGIN_IN_USE',
      status: 409,
      message: `Disabling "${plugin}" would leave customisations pointing at entities it (or a plugin that requires it) defines: ${errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')}. Change or remove those customisations first (GET /api/v1/metadata/customisations lists them).`,
      errors,
    }),

  pluginNotInstalled: (plugin: string) =>
    new KithError({ code: 'KITH_PLUGIN_NOT_INSTALLED', status: 409, message: `Plugin "${plugin}" has never been installed, so there is nothing to disable; remove it from kith.config.js instead.` }),

  internal: (cause: unknown) =>
    new KithError({ code: 'KITH_INTERNAL', status: 500, message: 'Something went wrong on the server; it has been logged.', cause }),
} as const;
