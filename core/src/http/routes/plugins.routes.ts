import type { FastifyInstance } from 'fastify';
import type { Database } from '../../data/database.js';
import { Errors } from '../../errors/index.js';
import type { PluginHost } from '../../kernel/plugin-host.js';
import { actorOf } from '../request-context.js';

/**
 * The plugins in kith.config.js and where each stands: any signed-in user may read;
 * administrators enable and disable. A change is stored and applies on the next start
 * (the response says `restartRequired`); a disabled plugin's dependents stop with it.
 */
export function pluginRoutes(server: FastifyInstance, db: Database, host: PluginHost): void {
  server.get('/api/v1/plugins', async (request) => {
    actorOf(request);
    return { data: host.report() };
  });

  for (const action of ['enable', 'disable'] as const) {
    server.post<{ Params: { id: string } }>(`/api/v1/plugins/:id/${action}`, async (request) => {
      if (actorOf(request).isAdmin !== true) throw Errors.forbidden(`${action} plugins (administrators only)`);
      return host.setState(db, request.params.id, action === 'enable' ? 'enabled' : 'disabled');
    });
  }
}
