import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { definePlugin } from './define-plugin.js';
import { defineRoute } from './define-route.js';
import { compareVersions } from './versions.js';

describe('compareVersions', () => {
  it('orders by semver precedence, pre-releases before their release', () => {
    const sorted = ['2.0.0', '1.10.0', '1.2.0', '2.0.0-beta.2', '2.0.0-beta.10', '2.0.0-alpha', '1.2.0-rc.1'].sort(compareVersions);
    expect(sorted).toEqual(['1.2.0-rc.1', '1.2.0', '1.10.0', '2.0.0-alpha', '2.0.0-beta.2', '2.0.0-beta.10', '2.0.0']);
  });
});

describe('definePlugin parts', () => {
  const handler = () => ({ ok: true });

  it('normalises routes, migrations (in version order), settings and extensions, frozen', () => {
    const settings = Type.Object({ region: Type.String({ default: 'emea' }) });
    const plugin = definePlugin({
      id: 'crm',
      version: '2.1.0',
      routes: [defineRoute({ method: 'GET', path: '/stats', handler }), { method: 'POST', path: '/deals/:id/win', handler } as never],
      migrations: [
        { version: '2.0.0', renameFields: [{ entity: 'deal', from: 'amount', to: 'value' }] },
        { version: '1.1.0', up: async () => undefined },
      ],
      settings,
      extensions: [{ entity: 'company', fields: { vatNumber: { type: 'text', maxLength: 20 } } }],
    });
    expect(plugin.routes.map((r) => [r.method, r.path, r.admin, r.status])).toEqual([
      ['GET', '/stats', false, 200],
      ['POST', '/deals/:id/win', false, 200],
    ]);
    expect(plugin.migrations.map((m) => m.version)).toEqual(['1.1.0', '2.0.0']);
    expect(plugin.migrations[1]!.renameFields).toEqual([{ entity: 'deal', from: 'amount', to: 'value' }]);
    expect(plugin.settings).toBe(settings);
    expect(plugin.extensions).toEqual([{ entity: 'company', fields: [expect.objectContaining({ id: 'company.vatNumber', name: 'vatNumber', source: 'plugin:crm', maxLength: 20 })] }]);
    expect(Object.isFrozen(plugin.routes[0])).toBe(true);
    expect(Object.isFrozen(plugin.migrations)).toBe(true);
  });

  it('reports a route declared twice, by method and path with parameters by position', () => {
    expect(() =>
      definePlugin({ id: 'crm', version: '1.0.0', routes: [defineRoute({ method: 'GET', path: '/deals/:id', handler }), defineRoute({ method: 'GET', path: '/deals/:dealId/', handler })] }),
    ).toThrow(/routes\[1\]: GET \/deals\/:dealId\/ is declared twice \(routes\[0\]\)/);
  });

  it('defineRoute checks its route alone, every problem at once', () => {
    expect(() => defineRoute({ method: 'GET', path: '/x y', body: Type.Object({}), status: 302, handler } as never)).toThrow(
      /path: "\/x y" has an invalid segment "x y"[\s\S]*status: status 302 is not a success status[\s\S]*body: a GET route has no body/,
    );
  });
});
