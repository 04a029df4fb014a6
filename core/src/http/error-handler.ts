import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Errors, isKithError, type KithError } from '../errors/index.js';

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** Sends a KithError as RFC 9457 problem+json. */
export function sendProblem(reply: FastifyReply, error: KithError, instance?: string): FastifyReply {
  return reply.status(error.status).type(PROBLEM_JSON).send(JSON.stringify(error.toProblem(instance)));
}

/** Maps fastify's own errors (body parsing, limits) to Kith errors with actionable messages. */
function fromFastify(error: FastifyError): KithError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return Errors.bodyTooLarge(1024 * 1024);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return Errors.unsupportedMediaType(undefined);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return Errors.invalidBody('The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return Errors.invalidBody(`The body is not valid JSON: ${error.message}`);
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON|Unexpected token|prototype/i.test(error.message))) {
    return Errors.invalidBody(`The body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode === 415) return Errors.unsupportedMediaType(undefined);
  if (error.statusCode === 413) return Errors.bodyTooLarge(1024 * 1024);
  return undefined;
}

/** Every error leaves the server as problem+json; unexpected ones are logged with their cause. */
export function installErrorHandling(server: FastifyInstance): void {
  server.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isKithError(error)) {
      if (error.status >= 500) request.log.error({ err: error, cause: error.cause }, error.message);
      return sendProblem(reply, error, request.url);
    }
    const known = fromFastify(error);
    if (known) return sendProblem(reply, known, request.url);
    if (error.statusCode === 429) {
      return reply.status(429).type(PROBLEM_JSON).send(JSON.stringify({ type: 'urn:kith:error:KITH_RATE_LIMITED', title: 'KITH_RATE_LIMITED', code: 'KITH_RATE_LIMITED', status: 429, detail: error.message }));
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, Errors.internal(error), request.url);
  });
  server.setNotFoundHandler((request, reply) => sendProblem(reply, Errors.routeNotFound(request.method, request.url.split('?')[0]!), request.url));
}
