import { problems } from './components.js';
import { jsonContent, schemaRef, type JsonObject } from './json-schema.js';

/** The tag of the sign-in and token endpoints. */
export const AUTH_TAG = 'Auth';

const DATE_TIME = { type: 'string', format: 'date-time' };
const NULLABLE_DATE_TIME = { anyOf: [DATE_TIME, { type: 'null' }] };
const ROLE = { type: 'string', pattern: '^[a-z][a-zA-Z0-9-]{0,63}$', description: 'A role name, as the role definitions (permissions metadata) use it.' };
const IDS = { type: 'array', items: { type: 'integer', minimum: 1 }, uniqueItems: true };
const TEAM_REF = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } };
const USER_PROPS = { id: { type: 'integer' }, email: { type: 'string', format: 'email' }, name: { type: 'string' }, isAdmin: { type: 'boolean' }, active: { type: 'boolean' } };

const USER = { type: 'object', required: ['id', 'email', 'name', 'isAdmin'], properties: USER_PROPS };
const ME = {
  type: 'object',
  required: ['id', 'email', 'name', 'isAdmin', 'active', 'roles', 'teams'],
  properties: { ...USER_PROPS, isAdmin: { type: 'boolean', description: 'As this request acts: false through a token narrowed to a role.' }, roles: { type: 'array', items: ROLE, description: 'The roles this request acts with (a narrowed token: its one role).' }, teams: { type: 'array', items: TEAM_REF } },
};
const MANAGED_USER = { type: 'object', required: ['id', 'email', 'name', 'isAdmin', 'active', 'roles', 'teams'], properties: { ...USER_PROPS, roles: { type: 'array', items: ROLE }, teams: { ...IDS, description: 'Team ids.' } } };
const TEAM = { type: 'object', required: ['id', 'name', 'createdAt', 'memberIds'], properties: { id: { type: 'integer' }, name: { type: 'string' }, createdAt: DATE_TIME, memberIds: IDS } };
const TOKEN = {
  type: 'object',
  required: ['id', 'userId', 'kind', 'name', 'createdAt', 'expiresAt', 'role'],
  properties: { id: { type: 'integer' }, userId: { type: 'integer' }, kind: { type: 'string', enum: ['session', 'api'] }, name: { type: 'string' }, createdAt: DATE_TIME, expiresAt: NULLABLE_DATE_TIME, role: { anyOf: [ROLE, { type: 'null' }], description: 'The one role the token acts with; null: all of its user\'s roles.' } },
};

/** The schemas of the auth, user and team endpoints, `components.schemas`. */
export function authSchemas(): JsonObject {
  return { AuthUser: USER, AuthMe: ME, AuthToken: TOKEN, ManagedUser: MANAGED_USER, Team: TEAM };
}

const tags = [AUTH_TAG];
const ADMIN = ' Administrators only.';
const id = (what: string) => [{ name: 'id', in: 'path', required: true, description: `The ${what} id.`, schema: { type: 'integer', minimum: 1 } }];
const body = (schema: JsonObject) => ({ required: true, content: jsonContent(schema) });
const ok = (description: string, schema: JsonObject) => ({ 200: { description, content: jsonContent(schema) } });
const created = (description: string, schema: JsonObject) => ({ 201: { description, headers: { Location: { schema: { type: 'string' } } }, content: jsonContent(schema) } });
const list = (item: string) => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef(item) } } });
const TOO_MANY = {
  429: {
    description: 'Too many attempts (`KITH_AUTH_RATE_LIMITED`): wait `Retry-After` seconds.',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } },
    content: { 'application/problem+json': { schema: schemaRef('Problem') } },
  },
};
const SIGN_IN = [
  'Returns a session token for `Authorization: Bearer <token>` and sets two cookies for browsers: `kith_session` (HttpOnly, SameSite=Lax, Secure over HTTPS) and `kith_csrf` (readable).',
  'A request signed in by the cookie that changes something (POST, PATCH, PUT, DELETE) must send `x-csrf-token: <kith_csrf>` (also returned as `csrfToken`), else 403 `KITH_AUTH_CSRF`. Bearer requests need no CSRF token.',
  'Limited to 10 attempts a minute per client address; 5 failed attempts for one email lock it for 15 minutes (429, the same whether the email exists or not).',
].join('\n\n');

/** Sign-in, sign-out, password change, the current user, API tokens, and (administrators) users and teams. */
export function authPaths(): JsonObject {
  return {
    '/api/v1/auth/login': {
      post: {
        tags,
        operationId: 'login',
        summary: 'Sign in: a session token (bearer) and session cookies',
        description: SIGN_IN,
        security: [],
        requestBody: body({ type: 'object', required: ['email', 'password'], additionalProperties: false, properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 200, format: 'password' } } }),
        responses: {
          ...ok('Signed in; `Set-Cookie` carries `kith_session` and `kith_csrf`.', { type: 'object', required: ['token', 'csrfToken', 'expiresAt', 'user'], properties: { token: { type: 'string' }, csrfToken: { type: 'string' }, expiresAt: NULLABLE_DATE_TIME, user: schemaRef('AuthUser') } }),
          ...problems(400, 401),
          ...TOO_MANY,
        },
      },
    },
    '/api/v1/auth/logout': {
      post: { tags, operationId: 'logout', summary: 'Sign out: revoke the token or session of this request and clear the cookies', responses: { 204: { description: 'Signed out.' }, ...problems(401, 403) } },
    },
    '/api/v1/auth/password': {
      post: {
        tags,
        operationId: 'changePassword',
        summary: 'Change your password: every other session ends, this one and API tokens stay',
        requestBody: body({ type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false, properties: { currentPassword: { type: 'string', format: 'password' }, newPassword: { type: 'string', minLength: 10, maxLength: 200, format: 'password' } } }),
        responses: { ...ok('Changed.', { type: 'object', required: ['changed', 'signedOutSessions'], properties: { changed: { type: 'boolean' }, signedOutSessions: { type: 'integer' } } }), ...problems(400, 401, 403), ...TOO_MANY },
      },
    },
    '/api/v1/auth/me': {
      get: { tags, operationId: 'me', summary: 'The signed-in user, with the roles and teams this request acts with', responses: { ...ok('The user.', schemaRef('AuthMe')), ...problems(401) } },
    },
    '/api/v1/auth/tokens': {
      get: { tags, operationId: 'listTokens', summary: 'Your live API tokens (never their secrets)', responses: { ...ok('Tokens.', list('AuthToken')), ...problems(401) } },
      post: {
        tags,
        operationId: 'createToken',
        summary: 'Create an API token for scripts, optionally narrowed to one of your roles',
        requestBody: body({ type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', maxLength: 200 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 366, default: 90 }, role: { ...ROLE, description: 'Act with this one role only (one you have); the token is then never an administrator.' } } }),
        responses: {
          201: { description: 'The token; its secret is shown only now.', content: jsonContent({ allOf: [schemaRef('AuthToken'), { type: 'object', required: ['token'], properties: { token: { type: 'string' }, note: { type: 'string' } } }] }) },
          ...problems(400, 401, 403),
        },
      },
    },
    '/api/v1/auth/tokens/{id}': {
      delete: { tags, operationId: 'revokeToken', summary: 'Revoke one of your tokens (refused from the next request on)', parameters: id('token'), responses: { 204: { description: 'Revoked.' }, ...problems(401, 403, 404) } },
    },
    '/api/v1/users': {
      get: { tags, operationId: 'listUsers', summary: `Users with their roles and teams.${ADMIN}`, responses: { ...ok('Users.', list('ManagedUser')), ...problems(401, 403) } },
      post: {
        tags,
        operationId: 'createUser',
        summary: `Create a user.${ADMIN}`,
        requestBody: body({ type: 'object', required: ['email', 'name', 'password'], additionalProperties: false, properties: { email: { type: 'string', format: 'email', maxLength: 254 }, name: { type: 'string', maxLength: 200 }, password: { type: 'string', minLength: 10, maxLength: 200, format: 'password' }, isAdmin: { type: 'boolean', default: false }, roles: { type: 'array', items: ROLE }, teams: IDS } }),
        responses: { ...created('The user.', schemaRef('ManagedUser')), ...problems(400, 401, 403, 409) },
      },
    },
    '/api/v1/users/{id}': {
      get: { tags, operationId: 'getUser', summary: `One user.${ADMIN}`, parameters: id('user'), responses: { ...ok('The user.', schemaRef('ManagedUser')), ...problems(401, 403, 404) } },
      patch: {
        tags,
        operationId: 'updateUser',
        summary: `Change a user; \`roles\` and \`teams\` are the full desired lists. Deactivating revokes all of the user's tokens at once.${ADMIN}`,
        parameters: id('user'),
        requestBody: body({ type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 200 }, active: { type: 'boolean' }, isAdmin: { type: 'boolean' }, roles: { type: 'array', items: ROLE }, teams: IDS } }),
        responses: { ...ok('The user.', schemaRef('ManagedUser')), ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/teams': {
      get: { tags, operationId: 'listTeams', summary: `Teams with their members.${ADMIN}`, responses: { ...ok('Teams.', list('Team')), ...problems(401, 403) } },
      post: {
        tags,
        operationId: 'createTeam',
        summary: `Create a team.${ADMIN}`,
        requestBody: body({ type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', maxLength: 200 }, userIds: IDS } }),
        responses: { ...created('The team.', schemaRef('Team')), ...problems(400, 401, 403, 409) },
      },
    },
    '/api/v1/teams/{id}': {
      get: { tags, operationId: 'getTeam', summary: `One team.${ADMIN}`, parameters: id('team'), responses: { ...ok('The team.', schemaRef('Team')), ...problems(401, 403, 404) } },
      patch: {
        tags,
        operationId: 'renameTeam',
        summary: `Rename a team.${ADMIN}`,
        parameters: id('team'),
        requestBody: body({ type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', maxLength: 200 } } }),
        responses: { ...ok('The team.', schemaRef('Team')), ...problems(400, 401, 403, 404, 409) },
      },
    },
    '/api/v1/teams/{id}/members': {
      put: {
        tags,
        operationId: 'setTeamMembers',
        summary: `Replace a team's members.${ADMIN}`,
        parameters: id('team'),
        requestBody: body({ type: 'object', required: ['userIds'], additionalProperties: false, properties: { userIds: IDS } }),
        responses: { ...ok('The team.', schemaRef('Team')), ...problems(400, 401, 403, 404) },
      },
    },
  };
}
