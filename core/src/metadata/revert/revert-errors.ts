import { KithError, type ErrorDetail } from '../../errors/index.js';
import type { RevertReason } from './inverse-change.js';

/** Named factories for the errors of reverting a metadata change (codes are stable API). */
export const RevertErrors = {
  /** No stored change has this sequence number. */
  notFound: (seq: number) =>
    new KithError({ code: 'KITH_HISTORY_NOT_FOUND', status: 404, message: `There is no metadata change #${seq}. GET /api/v1/metadata/history lists them, newest first, each with its "seq".` }),

  /** The change cannot be undone; every reason listed (a later change in the way, a key that cannot be unset, …). */
  notPossible: (seq: number, summary: string, reasons: readonly RevertReason[], cause?: unknown) => {
    return new KithError({
      code: 'KITH_REVERT_NOT_POSSIBLE',
      status: 409,
      message: `Change #${seq} (${summary}) cannot be reverted; nothing was changed. ${reasons.map((r) => r.message).join(' ')}`,
      errors: reasons.map((r): ErrorDetail => ({ code: r.code, message: r.message, ...(r.field !== undefined ? { field: r.field } : {}) })),
      extra: { seq },
      ...(cause !== undefined ? { cause } : {}),
    });
  },

  /** Undoing the change would remove or narrow something that holds data. */
  confirmationRequired: (seq: number, summary: string, risks: readonly { readonly summary: string; readonly risk?: string }[]) =>
    new KithError({
      code: 'KITH_REVERT_CONFIRMATION_REQUIRED',
      status: 409,
      message: `Reverting change #${seq} (${summary}) is destructive: ${risks.map((r) => `${r.summary}${r.risk ? ` — ${r.risk}` : ''}`).join('; ')}. Nothing was changed. Review the plan (?dryRun=true), then repeat with ?confirm=true.`,
      errors: risks.map((r) => ({ code: 'KITH_REVERT_DESTRUCTIVE', message: `${r.summary}${r.risk ? ` — ${r.risk}` : ''}` })),
      extra: { seq },
    }),
} as const;
