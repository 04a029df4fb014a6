import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { KithError } from '../errors/index.js';

/**
 * Registers the fastify plugins sign-in needs, before the routes that use them: cookies, and
 * rate limits that apply only to routes asking for one (`config.rateLimit`). A limit's answer
 * is a 429 problem with Retry-After; routes name what was limited with their own builder.
 */
export async function registerAuthPlugins(server: FastifyInstance): Promise<void> {
  await server.register(fastifyCookie);
  await server.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
      return new KithError({ code: 'KITH_RATE_LIMITED', status: 429, message: `Too many requests. Wait ${retryAfter} seconds and try again.`, extra: { retryAfter } });
    },
  });
}
