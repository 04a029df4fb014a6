import type { CompiledModel } from '../../metadata/compile/compiled-types.js';
import { ACCESS_TAG, accessPaths, accessSchemas } from './access-paths.js';
import { AUTH_TAG, authPaths, authSchemas } from './auth-paths.js';
import { entitySchemas, PROBLEM_SCHEMA, problemResponseComponents } from './components.js';
import { entityPaths, entityTag } from './entity-paths.js';
import type { JsonObject } from './json-schema.js';
import { METADATA_TAG, SYSTEM_TAG, systemPaths, systemSchemas } from './system-paths.js';
import { WORKFLOW_TAG, workflowPaths, workflowSchemas } from './workflow-paths.js';

const DESCRIPTION = [
  'The Kith REST API, generated from the effective metadata (base definitions ⊕ customisations): it changes when an entity or field is added or changed.',
  '',
  '- Records carry `id`, `version`, `createdAt`, `updatedAt`, `createdBy`, `updatedBy`.',
  '- Lists take `filter` (JSON, Mongo style), `sort` (`-amount,name`), `limit`, an opaque keyset `cursor`, `fields`, `expand` and `count`.',
  '- Updates carry the `version` they read; a stale one gets 409.',
  '- Errors are `application/problem+json` with a stable `code`, an actionable `detail` and the `field` they concern.',
].join('\n');

/**
 * Who a document is for. `anonymous`: only what needs no sign-in to find out (health, sign-in
 * and tokens), with a note to sign in. `reader`: the model passed in is already narrowed to
 * what the caller may read (see visibleModel). `admin`: everything.
 */
export type OpenApiAudience = 'anonymous' | 'reader' | 'admin';

const SIGN_IN_NOTE =
  '\n\n**You are not signed in**, so this document lists only health and sign-in. Sign in (POST /api/v1/auth/login; in a browser, sign in to the app and reload /docs) ' +
  'or send `Authorization: Bearer <token>`, then load it again: it then describes the records endpoints of every entity you may read.';

const READER_NOTE = '\n\nThis document is **for your roles**: it lists only the entities and fields you may read.';

/** The OpenAPI 3.1 document of the API for one effective model, as `audience` may see it. */
export function buildOpenApi(model: CompiledModel, version: string, audience: OpenApiAudience = 'admin'): object {
  const signedIn = audience !== 'anonymous';
  const entities = signedIn ? [...model.entities.values()].sort((a, b) => a.name.localeCompare(b.name)) : [];
  const system = systemPaths();
  const paths: JsonObject = signedIn ? { ...system, ...authPaths(), ...accessPaths(), ...workflowPaths() } : { '/api/v1/health': system['/api/v1/health'], ...authPaths() };
  const systemComponents = systemSchemas();
  const schemas: JsonObject = signedIn ? { Problem: PROBLEM_SCHEMA, ...systemComponents, ...authSchemas(), ...accessSchemas(), ...workflowSchemas() } : { Problem: PROBLEM_SCHEMA, Health: systemComponents.Health, ...authSchemas() };
  for (const entity of entities) {
    Object.assign(paths, entityPaths(entity));
    Object.assign(schemas, entitySchemas(entity, model));
  }
  const note = audience === 'anonymous' ? SIGN_IN_NOTE : audience === 'reader' ? READER_NOTE : '';
  return {
    openapi: '3.1.0',
    info: { title: 'Kith API', version, description: `${DESCRIPTION}${note}`, license: { name: 'MIT', identifier: 'MIT' } },
    tags: [
      ...entities.map((e) => ({ name: entityTag(e), description: e.def.description ?? `${e.def.labelPlural.en} (\`${e.name}\`, from ${e.def.source}).` })),
      ...(signedIn ? [{ name: METADATA_TAG, description: 'The effective metadata and its customisations.' }, { name: ACCESS_TAG, description: 'Why a user may or may not do something.' }, { name: WORKFLOW_TAG, description: 'Workflows, their runs and dry-run, notifications and the job queue.' }] : []),
      { name: AUTH_TAG, description: 'Sign-in, sessions and API tokens.' },
      { name: SYSTEM_TAG, description: 'Health.' },
    ],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      responses: problemResponseComponents(),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/v1/auth/login, or an API token.' } },
    },
  };
}
