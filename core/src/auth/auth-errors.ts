import { KithError } from '../errors/index.js';

/** Named factories for the errors of sign-in, sessions, users and teams; codes are stable API. */
export const AuthErrors = {
  invalidSession: () =>
    new KithError({ code: 'KITH_AUTH_INVALID_SESSION', status: 401, message: 'The session cookie is not valid (malformed, signed out or expired). Sign in again (POST /api/v1/auth/login).' }),

  csrfMissing: () =>
    new KithError({
      code: 'KITH_AUTH_CSRF',
      status: 403,
      message: 'This request is signed in by the session cookie, so a change needs the header "x-csrf-token" with the value of the kith_csrf cookie (also returned by sign-in as "csrfToken"). Nothing was changed.',
    }),

  rateLimited: (retryAfterSeconds: number, what: string) =>
    new KithError({ code: 'KITH_AUTH_RATE_LIMITED', status: 429, message: `Too many ${what}. Wait ${retryAfterSeconds} seconds and try again.`, extra: { retryAfter: retryAfterSeconds } }),

  wrongPassword: () =>
    new KithError({ code: 'KITH_AUTH_WRONG_PASSWORD', status: 400, field: 'currentPassword', message: 'The current password is wrong; nothing was changed.' }),

  invalidInput: (field: string, message: string) =>
    new KithError({ code: 'KITH_BODY_INVALID', status: 400, field, message }),

  roleNotHeld: (role: string) =>
    new KithError({ code: 'KITH_TOKEN_ROLE_NOT_HELD', status: 400, field: 'role', message: `You do not have the role "${role}", so a token cannot act with it. Leave "role" out, or pick one of your roles (GET /api/v1/auth/me).` }),

  userNotFound: (id: unknown) =>
    new KithError({ code: 'KITH_USER_NOT_FOUND', status: 404, message: `There is no user with id ${String(id)}.` }),

  teamNotFound: (id: unknown) =>
    new KithError({ code: 'KITH_TEAM_NOT_FOUND', status: 404, message: `There is no team with id ${String(id)}.` }),

  teamExists: (name: string) =>
    new KithError({ code: 'KITH_TEAM_EXISTS', status: 409, field: 'name', message: `A team named "${name}" already exists; choose another name.` }),

  unknownIds: (field: string, what: string, ids: readonly number[]) =>
    new KithError({ code: 'KITH_BODY_INVALID', status: 400, field, message: `There is no ${what} with id ${ids.join(', ')}; nothing was changed.` }),

  lastAdmin: () =>
    new KithError({ code: 'KITH_USER_LAST_ADMIN', status: 409, message: 'This is the last active administrator: make another user an administrator first, so someone can still manage users.' }),
} as const;
