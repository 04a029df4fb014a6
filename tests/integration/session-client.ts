import type { FastifyInstance } from 'fastify';
import type { JsonResponse } from '../support/http.js';

/** A response with its parsed body (as the shared test client types it) and the cookies it set. */
export interface SessionReply extends JsonResponse {
  readonly cookies: readonly { name: string; value: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string; expires?: Date; maxAge?: number }[];
}

/** What a request carries besides method and URL. */
export interface SendOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The client address (`request.ip`); each call gets a fresh one unless given. */
  readonly address?: string;
}

let addresses = 0;

/** A fresh client address, so one test's sign-ins do not count against another's per-address limit. */
export function nextAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** One request over fastify.inject (real routing, hooks, plugins and errors; no socket). */
export async function send(server: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options: SendOptions = {}): Promise<SessionReply> {
  const res = await server.inject({
    method,
    url,
    remoteAddress: options.address ?? nextAddress(),
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers, cookies: res.cookies as SessionReply['cookies'] };
}

/** A signed-in browser-like session: the token, its CSRF token, and the Cookie header a browser would send. */
export interface Session {
  readonly token: string;
  readonly csrfToken: string;
  readonly cookie: string;
  readonly reply: SessionReply;
}

/** Signs in with a password; fails the test when sign-in does not answer 200. */
export async function signIn(server: FastifyInstance, email: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
  const reply = await send(server, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });
  if (reply.status !== 200) throw new Error(`sign-in as ${email} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  const token = reply.cookies.find((c) => c.name === 'kith_session')?.value ?? '';
  const csrfToken = reply.cookies.find((c) => c.name === 'kith_csrf')?.value ?? '';
  return { token, csrfToken, cookie: `kith_session=${token}; kith_csrf=${csrfToken}`, reply };
}
