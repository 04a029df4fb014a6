import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConfigPackageService, type PackageHost } from '../../config-package/package-service.js';
import type { Actor } from '../../data/actor.js';
import { Errors } from '../../errors/index.js';
import { actorOf } from '../request-context.js';
import { metadataRevertRoutes } from './metadata-revert.routes.js';

const Files = Type.Record(Type.String({ maxLength: 300 }), Type.String(), { maxProperties: 5000 });
const PlanBody = Type.Object({ files: Files }, { additionalProperties: false });
const ApplyBody = Type.Object({ files: Files, confirmDestructive: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

/** The request body, or a 400 saying what a package request looks like. */
function bodyOf<T extends TSchema>(schema: T, body: unknown, extra = ''): Static<T> {
  if (Value.Check(schema, body)) return body;
  const first = Value.Errors(schema, body).First();
  throw Errors.invalidBody(`Send {"files": {"<path>": "<file text>", …}${extra}} (${first ? `${first.path || 'body'}: ${first.message}` : 'wrong shape'}). \`GET /api/v1/config/export\` returns files in this shape.`);
}

/** Packages carry every customisation: administrators only. */
function admin(request: FastifyRequest, what: string): Actor {
  const actor = actorOf(request);
  if (!actor.isAdmin) throw Errors.forbidden(what);
  return actor;
}

/**
 * Config as code over the API: export this instance's customisations as package files, plan a
 * package against it, apply one; and revert one change of the metadata history (the same
 * plan-then-apply of customisations, on the same host). Thin: validate → run → respond.
 */
export function configRoutes(server: FastifyInstance, host: PackageHost): void {
  const packages = new ConfigPackageService(host);
  metadataRevertRoutes(server, host);

  server.get<{ Querystring: Readonly<Record<string, string | string[] | undefined>> }>('/api/v1/config/export', async (request) => {
    admin(request, 'export the customisation package');
    // A misspelt parameter (`?plugins=sales`) would otherwise export everything without a word.
    for (const key of Object.keys(request.query)) if (key !== 'plugin') throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: plugin.`);
    const plugin = request.query.plugin;
    if (Array.isArray(plugin)) throw Errors.invalidQuery('plugin', 'Send "plugin" once.');
    const conflicts = host.registry.model.conflicts;
    // Conflicting customisations are not exported (they have no effect here); say which.
    return { files: packages.export(plugin || undefined), ...(conflicts.length > 0 ? { leftOut: conflicts.map((c) => ({ seq: c.seq, kind: c.kind, message: c.message })) } : {}) };
  });

  server.post('/api/v1/config/plan', async (request) => {
    admin(request, 'plan a customisation package');
    const { files } = bodyOf(PlanBody, request.body);
    return packages.plan(files);
  });

  server.post('/api/v1/config/apply', async (request) => {
    const actor = admin(request, 'apply a customisation package');
    const { files, confirmDestructive } = bodyOf(ApplyBody, request.body, ', "confirmDestructive": true|false');
    return packages.apply(files, { userId: actor.userId, confirmDestructive: confirmDestructive === true });
  });
}
