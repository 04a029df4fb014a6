import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../errors/definition-error.js';
import { definePlugin } from './define-plugin.js';
import { defineRoute } from './define-route.js';

describe('UI contributions in definePlugin', () => {
  const backlog = defineRoute({ method: 'GET', path: '/backlog', handler: async () => ({}) });
  const post = defineRoute({ method: 'POST', path: '/things/:id', handler: async () => ({}) });

  it('refuses menu items and panels that do not point at a GET route of the plugin, every problem at once', () => {
    try {
      definePlugin({
        id: 'ui-test',
        version: '1.0.0',
        routes: [backlog, post],
        ui: {
          menu: [{ label: 'Both', entity: 'x', route: '/backlog' }, { label: 'Missing', route: '/nope' }],
          recordPanels: [{ id: 'p', entity: 'x', title: 'P', route: '/things/:id' }, { id: 'q', entity: 'x', title: 'Q', route: '/backlog' }],
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DefinitionError);
      expect((error as DefinitionError).problems.map((p) => p.path)).toEqual(['ui.menu[0]', 'ui.menu[1].route', 'ui.recordPanels[0].route', 'ui.recordPanels[1].route']);
    }
  });

  it('keeps valid contributions with labels normalised', () => {
    const p = definePlugin({ id: 'ui-ok', version: '1.0.0', routes: [backlog], ui: { menu: [{ label: 'Backlog', route: '/backlog' }] } });
    expect(p.ui).toEqual({ menu: [{ label: { en: 'Backlog' }, route: '/backlog' }], recordPanels: [] });
  });
});
