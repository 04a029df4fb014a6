/** What a RouteError is built from. */
export interface RouteErrorInit {
  /** 400–499: the caller's mistake (the core answers unexpected failures with a 500 itself). */
  readonly status: number;
  /** A stable code, upper-case words joined by underscores: `ACME_QUOTE_LOCKED`. */
  readonly code: string;
  readonly message: string;
  /** The field (or query parameter) the problem concerns. */
  readonly field?: string;
}

const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

/**
 * An expected refusal from a plugin route: answered as problem+json with its status, code,
 * message and field. Anything else a route throws is a 500 naming the plugin (and is logged).
 */
export class RouteError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(init: RouteErrorInit) {
    super(init.message);
    this.name = 'RouteError';
    this.status = Number.isInteger(init.status) && init.status >= 400 && init.status <= 499 ? init.status : 400;
    this.code = CODE.test(init.code) ? init.code : 'PLUGIN_REQUEST_REFUSED';
    this.field = init.field;
  }

  /** 400: the request does not fit. */
  static badRequest(code: string, message: string, field?: string): RouteError {
    return new RouteError({ status: 400, code, message, ...(field !== undefined ? { field } : {}) });
  }

  /** 404: what it names does not exist. */
  static notFound(code: string, message: string): RouteError {
    return new RouteError({ status: 404, code, message });
  }

  /** 409: it clashes with the current state. */
  static conflict(code: string, message: string, field?: string): RouteError {
    return new RouteError({ status: 409, code, message, ...(field !== undefined ? { field } : {}) });
  }
}
