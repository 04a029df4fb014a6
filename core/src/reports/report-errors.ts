import { KithError, type ErrorDetail } from '../errors/index.js';

/** Named factories for report and dashboard errors; codes are stable API. */
export const ReportErrors = {
  /** Everything wrong with a report query, each problem naming its path (`groupBy[1].bucket`). */
  invalid: (errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_REPORT_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${errors[0]!.field ? `${errors[0]!.field}: ` : ''}${errors[0]!.message}` : `The report has ${errors.length} problems; see "errors".`,
      errors,
    }),

  dashboardNotFound: (id: number) =>
    new KithError({ code: 'KITH_DASHBOARD_NOT_FOUND', status: 404, message: `There is no dashboard ${id} that you can see (it may have been deleted, or it is someone else's and not shared).` }),

  dashboardNotOwner: (id: number) =>
    new KithError({ code: 'KITH_DASHBOARD_NOT_OWNER', status: 403, message: `Dashboard ${id} belongs to someone else: only its owner or an administrator may change or delete it. Save a copy under your own name instead.` }),

  dashboardInvalid: (errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_DASHBOARD_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `${errors[0]!.field ? `${errors[0]!.field}: ` : ''}${errors[0]!.message}` : `The dashboard has ${errors.length} problems; see "errors".`,
      errors,
    }),

  dashboardVersionConflict: (id: number, sent: number, current: number) =>
    new KithError({
      code: 'KITH_VERSION_CONFLICT',
      status: 409,
      field: 'version',
      message: `Dashboard ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}. Reload it and save again.`,
      extra: { currentVersion: current },
    }),

  userRequired: () =>
    new KithError({ code: 'KITH_DASHBOARD_USER_REQUIRED', status: 403, message: 'Dashboards belong to a person: sign in as a user (not the system) to save one.' }),
};

/** One problem of a report query at a path; thrown inside planning and collected into `ReportErrors.invalid`. */
export class ReportProblem extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReportProblem';
  }

  get detail(): ErrorDetail {
    return { field: this.path, code: this.code, message: this.message };
  }
}
