import { isKithError, KithError, type ErrorDetail } from '../errors/index.js';

/** A problem in a package file: which plugin's part, which file, where in it (a JSON path), and what is wrong. */
export interface PackageProblem extends ErrorDetail {
  /** The plugin the file's target belongs to (`sales`), `custom` for one a customisation added; absent when unknown. */
  readonly plugin?: string;
  readonly file: string;
  /** `[2].field.type`; empty for the file as a whole. */
  readonly path: string;
}

const ownerText = (plugin: string | undefined) => (plugin === undefined ? '' : plugin === 'custom' ? 'custom, ' : `plugin ${plugin}, `);

/** A planned change as the errors below list it. */
interface Listed {
  readonly file: string;
  readonly index: number;
  readonly summary: string;
}

const at = (c: Listed) => `${c.file}[${c.index}]`;

/** Named factories for the errors of customisation packages (codes are stable API). */
export const PackageErrors = {
  /** A file of the package is not what the format allows; every problem names its file and path. */
  invalid: (problems: readonly PackageProblem[]) =>
    new KithError({
      code: 'KITH_PACKAGE_INVALID',
      status: 400,
      message: `The package has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed. ${problems
        .slice(0, 5)
        .map((p) => `${ownerText(p.plugin)}${p.field}: ${p.message}.`)
        .join(' ')}${problems.length > 5 ? ' …' : ''}`,
      errors: problems,
    }),

  /** One problem; `plugin` names whose part the file is, when known. */
  problem: (file: string, path: string, message: string, plugin?: string): PackageProblem => ({
    ...(plugin !== undefined ? { plugin } : {}),
    file,
    path,
    field: path ? `${file}: ${path}` : file,
    code: 'KITH_PACKAGE_INVALID',
    message,
  }),

  /** The plan has destructive changes and the caller did not confirm them. */
  confirmationRequired: (destructive: readonly (Listed & { readonly risk?: string })[], planned: number) =>
    new KithError({
      code: 'KITH_PACKAGE_CONFIRMATION_REQUIRED',
      status: 409,
      message: `${destructive.length} of the ${planned} planned change${planned === 1 ? '' : 's'} ${destructive.length === 1 ? 'is' : 'are'} destructive (${destructive
        .map((c) => c.summary)
        .join('; ')}); nothing was applied. Review the plan, then apply with --confirm-destructive (API: "confirmDestructive": true).`,
      errors: destructive.map((c) => ({ field: at(c), code: 'KITH_PACKAGE_DESTRUCTIVE', message: `${c.summary}${c.risk ? ` — ${c.risk}` : ''}` })),
    }),

  /** A change failed part-way: the ones before it stay applied (each is its own transaction). */
  applyFailed: (failed: Listed, applied: number, planned: number, cause: unknown, changes: readonly unknown[]) => {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = isKithError(cause) ? cause.code : 'KITH_INTERNAL';
    const details: ErrorDetail[] = isKithError(cause) ? cause.errors.map((e) => ({ ...e, field: e.field ? `${at(failed)}: ${e.field}` : at(failed) })) : [];
    return new KithError({
      code: 'KITH_PACKAGE_APPLY_FAILED',
      status: isKithError(cause) && cause.status < 500 ? 409 : 500,
      field: at(failed),
      message:
        applied === 0
          ? `Nothing was applied: the first of ${planned} change${planned === 1 ? '' : 's'}, ${at(failed)} (${failed.summary}), failed: ${reason} [${code}] Fix the problem and apply again.`
          : `Applied ${applied} of ${planned} changes, then ${at(failed)} (${failed.summary}) failed: ${reason} [${code}] The ${applied} applied change${applied === 1 ? ' stays' : 's stay'} (each change is its own transaction); fix the problem and apply again: applied changes are skipped.`,
      errors: [{ field: at(failed), code, message: reason }, ...details],
      extra: { applied, changes },
      cause,
    });
  },

  /** The folder given to the CLI does not exist or is not a folder. */
  folderNotFound: (dir: string) =>
    new KithError({ code: 'KITH_PACKAGE_NOT_FOUND', status: 400, message: `There is no package folder "${dir}" (it needs a kith-package.json; \`kith config export <dir>\` writes one).` }),
} as const;
