import type { CreateRateLimitOptions, RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthErrors } from './auth-errors.js';

/** How hard sign-in may be tried: per client address, and failed attempts per email. */
export const LOGIN_LIMITS = {
  perAddress: { max: 10, windowMs: 60_000 },
  failuresPerEmail: { max: 5, windowMs: 15 * 60_000 },
  passwordChangesPerUser: { max: 10, windowMs: 15 * 60_000 },
} as const;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Route options of POST /auth/login: at most 10 attempts a minute from one address (`request.ip`). */
export function loginAddressLimit(): RateLimitOptions {
  return {
    max: LOGIN_LIMITS.perAddress.max,
    timeWindow: LOGIN_LIMITS.perAddress.windowMs,
    errorResponseBuilder: (_request, context) => AuthErrors.rateLimited(seconds(context.ttl), 'sign-in attempts from this address'),
  };
}

/** Route options of POST /auth/password: a signed-in thief cannot try current passwords at speed. */
export function passwordChangeLimit(): RateLimitOptions {
  return {
    max: LOGIN_LIMITS.passwordChangesPerUser.max,
    timeWindow: LOGIN_LIMITS.passwordChangesPerUser.windowMs,
    keyGenerator: (request) => `user:${request.actor?.userId ?? request.ip}`,
    errorResponseBuilder: (_request, context) => AuthErrors.rateLimited(seconds(context.ttl), 'password changes'),
  };
}

/** The lower-cased email of a sign-in body (the route has checked it is a string). */
function emailKey(body: unknown): string {
  const email = (body as { email?: unknown } | null)?.email;
  return `email:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/**
 * Locks an email after 5 failed sign-ins in 15 minutes, whether or not a user has that email
 * (the answer is the same either way, so nothing is enumerated). While locked even the right
 * password gets 429, or the lock would tell a guesser when they were right. Attempts for one
 * email run one at a time on a node, so parallel guesses cannot slip past the count.
 * Counts are per node: with several nodes, the per-node limits multiply.
 */
export class EmailLockout {
  private readonly limiter: ReturnType<FastifyInstance['createRateLimit']>;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(server: FastifyInstance) {
    // `cache` (entries kept) is passed through to the store although the type does not list it:
    // a large one keeps a flood of other emails from evicting a locked one.
    const options: CreateRateLimitOptions & { cache: number } = {
      max: LOGIN_LIMITS.failuresPerEmail.max,
      timeWindow: LOGIN_LIMITS.failuresPerEmail.windowMs,
      keyGenerator: (request) => emailKey(request.body),
      cache: 50_000,
    };
    this.limiter = server.createRateLimit(options);
  }

  /**
   * Runs one sign-in attempt (`verify` resolves to the user, or undefined for wrong
   * credentials) unless the email is locked: then 429 with Retry-After. Failures are counted.
   */
  attempt<T>(request: FastifyRequest, reply: FastifyReply, verify: () => Promise<T | undefined>): Promise<T | undefined> {
    return this.serially(emailKey(request.body), async () => {
      const state = await this.limiter(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) {
        reply.header('retry-after', String(seconds(state.ttl)));
        throw AuthErrors.rateLimited(seconds(state.ttl), 'failed sign-ins for this email');
      }
      const result = await verify();
      if (result === undefined) await this.limiter(request);
      return result;
    });
  }

  private async serially<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }
}
