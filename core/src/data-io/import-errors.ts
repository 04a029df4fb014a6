import { KithError, type ErrorDetail } from '../errors/index.js';

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Named factories for the errors of CSV import and export; every code is `KITH_IMPORT_*` / `KITH_EXPORT_*` and stable API. */
export const ImportErrors = {
  mappingInvalid: (entity: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_IMPORT_MAPPING_INVALID',
      status: 400,
      ...(errors.length === 1 && errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? errors[0]!.message : `The import into ${entity} cannot start: ${errors.length} problems with the columns or the mapping; see "errors".`,
      errors,
    }),

  dateFormatRequired: (columns: readonly string[]) =>
    new KithError({
      code: 'KITH_IMPORT_DATE_FORMAT_REQUIRED',
      status: 400,
      field: 'dateFormat',
      message:
        `Column${columns.length === 1 ? '' : 's'} ${list(columns)} hold${columns.length === 1 ? 's' : ''} dates: declare how they are written ` +
        '(dateFormat, or --date-format on the command line: DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD…). Kith never guesses whether 2/6/2020 is 2 June or 6 February.',
    }),

  delimiterMismatch: (declared: string, likely: string, header: string) =>
    new KithError({
      code: 'KITH_IMPORT_DELIMITER_MISMATCH',
      status: 400,
      field: 'delimiter',
      message: `The header row ${JSON.stringify(header.slice(0, 80))} has no ${JSON.stringify(declared)}, but it has ${JSON.stringify(likely)}: the file looks separated by ${JSON.stringify(likely)}. Send delimiter=${encodeURIComponent(likely)} (or leave delimiter out to detect it).`,
      extra: { declared, detected: likely },
    }),

  empty: () => new KithError({ code: 'KITH_IMPORT_EMPTY', status: 400, message: 'The file is empty: it needs a header row naming the columns, then one row per record.' }),

  tooLarge: (limit: number, backgroundLimit: number | undefined) =>
    new KithError({
      code: 'KITH_IMPORT_TOO_LARGE',
      status: 413,
      message:
        backgroundLimit === undefined
          ? `The file is larger than ${mb(limit)}, the most one import takes. Split it into several files (or use the CLI, which has no limit: kith import).`
          : `The file is larger than ${mb(limit)}, the most an import answered in the request takes. Send it with background=true (up to ${mb(backgroundLimit)}) and follow the job, or split it.`,
      extra: { limit },
    }),

  mediaType: (type: string | undefined) =>
    new KithError({
      code: 'KITH_UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      message: `Send the CSV file itself as the body with "Content-Type: text/csv" (got ${type ? `"${type}"` : 'none'}); with curl: --data-binary @file.csv -H 'content-type: text/csv'.`,
    }),

  mappingNotFound: (id: string) =>
    new KithError({ code: 'KITH_IMPORT_MAPPING_NOT_FOUND', status: 404, field: 'mappingId', message: `There is no saved import mapping "${id}". GET /api/v1/import/mappings lists them.` }),

  jobNotFound: (id: string) => new KithError({ code: 'KITH_IMPORT_JOB_NOT_FOUND', status: 404, message: `There is no import job "${id}" of yours (results are kept for 7 days).` }),

  jobRunning: (id: string) => new KithError({ code: 'KITH_IMPORT_JOB_RUNNING', status: 409, message: `Import job ${id} is still running; delete it once it has finished.` }),

  rowsRejected: (entity: string, rejected: number, rows: number, report: Readonly<Record<string, unknown>>) =>
    new KithError({
      code: 'KITH_IMPORT_ROWS_REJECTED',
      status: 422,
      message: `Nothing was stored: ${rejected} of the ${rows} ${entity} rows were rejected and the import was all-or-nothing. See "rows" for each reason, or download "rejectedCsv", fix it and import again.`,
      extra: report,
    }),

  runnerLost: (id: string) =>
    new KithError({
      code: 'KITH_IMPORT_INTERRUPTED',
      status: 500,
      message: `Import job ${id} was taken over by another attempt (the first one stopped or took too long); this attempt stopped without writing.`,
    }),
} as const;
