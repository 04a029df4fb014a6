import { KithError, type ErrorDetail } from '../errors/index.js';

/** Named factories for the saved-view errors; codes are stable API. */
export const ViewErrors = {
  notFound: (id: number) =>
    new KithError({ code: 'KITH_VIEW_NOT_FOUND', status: 404, message: `There is no saved view ${id} that you can see (it may have been deleted, or it is someone else's and not shared).` }),

  notOwner: (id: number) =>
    new KithError({ code: 'KITH_VIEW_NOT_OWNER', status: 403, message: `Saved view ${id} belongs to someone else: only its owner or an administrator may change or delete it. Save a copy under your own name instead.` }),

  invalid: (errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_VIEW_INVALID',
      status: 400,
      ...(errors.length === 1 && errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? errors[0]!.message : `The saved view has ${errors.length} problems; see "errors".`,
      errors,
    }),

  versionConflict: (id: number, sent: number, current: number) =>
    new KithError({
      code: 'KITH_VERSION_CONFLICT',
      status: 409,
      field: 'version',
      message: `Saved view ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}. Reload it and save again.`,
      extra: { currentVersion: current },
    }),

  signedInUserRequired: () =>
    new KithError({ code: 'KITH_VIEW_USER_REQUIRED', status: 403, message: 'Saved views belong to a person: sign in as a user (not the system) to save one.' }),
};
