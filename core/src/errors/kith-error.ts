/** One problem inside an error: which field (or row, or path) and what to do. */
export interface ErrorDetail {
  readonly field?: string;
  readonly index?: number;
  readonly code: string;
  readonly message: string;
}

/** What a KithError is built from. */
export interface KithErrorInit {
  readonly code: string;
  readonly status: number;
  readonly message: string;
  readonly field?: string;
  readonly errors?: readonly ErrorDetail[];
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * The one error type that crosses a boundary in Kith: a stable `KITH_*` code, an HTTP
 * status, a message a person can act on, and the field it concerns. Build it with the
 * named factories in `errors.ts` so call sites read as prose.
 */
export class KithError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  readonly errors: readonly ErrorDetail[];
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(init: KithErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'KithError';
    this.code = init.code;
    this.status = init.status;
    this.field = init.field;
    this.errors = init.errors ?? [];
    this.extra = init.extra ?? {};
  }

  /** The RFC 9457 problem document for this error. */
  toProblem(instance?: string): Record<string, unknown> {
    return {
      type: `urn:kith:error:${this.code}`,
      title: this.code,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
      ...this.extra,
      ...(instance ? { instance } : {}),
    };
  }
}

/** True for a KithError (also across duplicated module instances). */
export function isKithError(value: unknown): value is KithError {
  return value instanceof KithError || (value instanceof Error && value.name === 'KithError' && 'code' in value && 'status' in value);
}
