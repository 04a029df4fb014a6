import { KithError, type ErrorDetail } from '../errors/index.js';

/** Named factories for personal-data request errors; codes are stable API. */
export const PrivacyErrors = {
  adminOnly: (what: string) =>
    new KithError({ code: 'KITH_FORBIDDEN', status: 403, message: `You may not ${what} (administrators only). Ask an administrator for access.` }),

  invalid: (errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_PRIVACY_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${errors[0]!.field ? `${errors[0]!.field}: ` : ''}${errors[0]!.message}` : `The request has ${errors.length} problems; see "errors".`,
      errors,
    }),

  confirmationRequired: (mode: string, plan: unknown) =>
    new KithError({
      code: 'KITH_PRIVACY_CONFIRMATION_REQUIRED',
      status: 409,
      field: 'confirm',
      message: `To ${mode === 'erase' ? 'erase' : 'anonymise'} this record cannot be undone: see "plan" for what would change. Repeat the request with "confirm": true to go ahead.`,
      extra: { plan },
    }),

  tooManyReferences: (entity: string, id: number, source: string, field: string, max: number) =>
    new KithError({
      code: 'KITH_PRIVACY_TOO_MANY_REFERENCES',
      status: 409,
      message: `More than ${max.toLocaleString('en-US')} ${source} records point at ${entity} ${id} through ${source}.${field}; a request takes at most that many. Point some of them elsewhere (or delete them) first.`,
    }),

  requiredReference: (entity: string, id: number, blocking: readonly { entity: string; field: string; records: number }[]) =>
    new KithError({
      code: 'KITH_PRIVACY_REFERENCE_REQUIRED',
      status: 409,
      field: 'alsoErase',
      message: `${entity} ${id} cannot be erased while records must point at it: ${blocking.map((b) => `${b.records} ${b.entity} record(s) through the required field ${b.entity}.${b.field}`).join('; ')}. Point them elsewhere first, or erase them too with "alsoErase": [${[...new Set(blocking.map((b) => `"${b.entity}"`))].join(', ')}].`,
      extra: { blocking },
    }),
};
