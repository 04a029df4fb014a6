import type { PluginDefinition } from '@kith/sdk';
import type { FastifyInstance } from 'fastify';
import { entityAccess } from '../../acl/entity-access.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { actorOf } from '../request-context.js';

/**
 * `GET /api/v1/ui/contributions`: what the running plugins add to the admin UI, for the caller —
 * menu entries and record panels of entities they may read (and route-fed ones, whose routes
 * apply their own permissions), with routes as full URLs.
 */
export function uiContributionRoutes(server: FastifyInstance, registry: MetadataRegistry, plugins: () => readonly PluginDefinition[]): void {
  server.get('/api/v1/ui/contributions', async (request) => {
    const actor = actorOf(request);
    const model = registry.model;
    const readable = (name: string | undefined) => {
      if (name === undefined) return true;
      const entity = model.entities.get(name);
      return entity !== undefined && entityAccess(model, entity, actor).read.allowed;
    };
    const url = (plugin: string, path: string) => `/api/v1/plugins/${plugin}${path}`;
    const menu = [];
    const recordPanels = [];
    for (const p of plugins()) {
      const ui = p.ui ?? { menu: [], recordPanels: [] };
      for (const m of ui.menu) if (readable(m.entity)) menu.push({ plugin: p.id, label: m.label, group: m.group ?? p.id, ...(m.entity ? { entity: m.entity } : {}), ...(m.route ? { url: url(p.id, m.route) } : {}) });
      for (const panel of ui.recordPanels) if (readable(panel.entity)) recordPanels.push({ plugin: p.id, id: panel.id, entity: panel.entity, title: panel.title, url: url(p.id, panel.route) });
    }
    return { menu, recordPanels };
  });
}
