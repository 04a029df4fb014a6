import type { FastifyInstance } from 'fastify';
import { Errors } from '../../errors/index.js';
import { MetadataRevertService, type RevertHost } from '../../metadata/revert/revert-service.js';
import { parseId, type RawQuery } from '../query-params.js';
import { actorOf } from '../request-context.js';

const FLAGS = ['dryRun', 'confirm'] as const;

/** `?dryRun=true&confirm=true`: each flag once, `true` or `false`; nothing else. */
function flags(query: RawQuery): Record<(typeof FLAGS)[number], boolean> {
  for (const key of Object.keys(query)) {
    if (!(FLAGS as readonly string[]).includes(key)) throw Errors.invalidQuery(key, `"${key}" is not a query parameter here; use: ${FLAGS.join(', ')}.`);
  }
  const flag = (name: (typeof FLAGS)[number]) => {
    const value = query[name];
    if (value === undefined) return false;
    if (value === 'true' || value === 'false') return value === 'true';
    throw Errors.invalidQuery(name, `${name} is "true" or "false", once.`);
  };
  return { dryRun: flag('dryRun'), confirm: flag('confirm') };
}

/**
 * Reverting a metadata change: `?dryRun=true` returns the plan (what would change, the rows
 * at risk), without it the revert is applied as a new recorded change. Administrators only,
 * like the history it comes from. Thin: validate → run → respond.
 */
export function metadataRevertRoutes(server: FastifyInstance, host: RevertHost): void {
  const reverts = new MetadataRevertService(host);

  server.post<{ Params: { seq: string }; Querystring: RawQuery }>('/api/v1/metadata/history/:seq/revert', async (request) => {
    const actor = actorOf(request);
    if (!actor.isAdmin) throw Errors.forbidden('revert a metadata change');
    const seq = parseId(request.params.seq);
    const { dryRun, confirm } = flags(request.query);
    if (dryRun) return { dryRun: true, ...(await reverts.plan(seq, actor.userId)) };
    return { dryRun: false, ...(await reverts.apply(seq, { userId: actor.userId, confirm })) };
  });
}
