import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../data/database.js';
import { Errors } from '../../errors/index.js';
import type { PluginHost } from '../../kernel/plugin-host.js';
import { actorOf } from '../request-context.js';

/**
 * The plugins in kith.config.js and where each stands: any signed-in user may read;
 * administrators enable and disable. A change is stored and applies on the next start
 * (the response says `restartRequired`); a disabled plugin's dependents stop with it.
 * Administrators also read and replace each plugin's settings (checked against its schema) and
 * read what an upgrade to the configured version does. A plugin's own routes live under the same
 * prefix in its own scope (kernel/plugin-routes.ts).
 */
export function pluginRoutes(server: FastifyInstance, db: Database, host: PluginHost): void {
  server.get('/api/v1/plugins', async (request) => {
    actorOf(request);
    return { data: host.report() };
  });

  // Settings and upgrade plans are administrators' business (settings may hold credentials).
  server.get<{ Params: { id: string } }>('/api/v1/plugins/:id/settings', async (request) => {
    admin(request, 'read plugin settings');
    return host.settings(db, request.params.id);
  });

  server.put<{ Params: { id: string } }>('/api/v1/plugins/:id/settings', async (request) => {
    admin(request, 'change plugin settings');
    return host.updateSettings(db, request.params.id, request.body);
  });

  server.get<{ Params: { id: string } }>('/api/v1/plugins/:id/upgrade-plan', async (request) => {
    admin(request, 'read upgrade plans');
    return host.upgradePlan(request.params.id);
  });

  for (const action of ['enable', 'disable'] as const) {
    server.post<{ Params: { id: string } }>(`/api/v1/plugins/:id/${action}`, async (request) => {
      admin(request, `${action} plugins`);
      return host.setState(db, request.params.id, action === 'enable' ? 'enabled' : 'disabled');
    });
  }
}

function admin(request: FastifyRequest, what: string): void {
  if (actorOf(request).isAdmin !== true) throw Errors.forbidden(`${what} (administrators only)`);
}
