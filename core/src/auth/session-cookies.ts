import { createHmac, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The HTTP-only cookie that carries the session token. */
export const SESSION_COOKIE = 'kith_session';
/** The readable cookie whose value a browser client echoes in `x-csrf-token`. */
export const CSRF_COOKIE = 'kith_csrf';
/** The header a cookie-authenticated change must carry. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: an HMAC of the session token under the shared secret, so every
 * node can check it without storing it, and nobody without the session can compute it.
 */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`kith-csrf:${sessionToken}`).digest('base64url');
}

/** Whether `sent` (the header) is the CSRF token of this session; constant-time. */
export function csrfMatches(secret: string, sessionToken: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const given = Buffer.from(sent.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The session token in the request's cookie, if any (parsed here: the auth hook may run before the cookie plugin's). */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = fastifyCookie.parse(header)[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Whether the client reached us over HTTPS, directly or through a proxy that says so. Trusting
 * `x-forwarded-proto` here is safe: it can only add the Secure flag to the caller's own cookie.
 */
function overHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

function options(request: FastifyRequest, httpOnly: boolean, expiresAt: string | null) {
  return { path: '/', sameSite: 'lax' as const, secure: overHttps(request), httpOnly, ...(expiresAt ? { expires: new Date(expiresAt) } : {}) };
}

/** Sets the session cookie (HTTP-only) and the CSRF cookie (readable by the page), both ending with the session. */
export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string, expiresAt: string | null): void {
  reply.setCookie(SESSION_COOKIE, token, options(reply.request, true, expiresAt));
  reply.setCookie(CSRF_COOKIE, csrfToken, options(reply.request, false, expiresAt));
}

/** Tells the browser to drop both cookies. */
export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, options(reply.request, true, null));
  reply.clearCookie(CSRF_COOKIE, options(reply.request, false, null));
}
