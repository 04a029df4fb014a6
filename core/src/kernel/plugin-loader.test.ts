import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, definePlugin, type PluginDefinition } from '@kith/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlugins } from './plugin-loader.js';

// A plugin module on disk: a frozen definition-shaped object (the temp folder cannot import @kith/sdk).
const definitionModule = (id: string) => `export default Object.freeze({ id: '${id}', version: '1.0.0', requires: {}, entities: [], roles: [] });\n`;

const root = mkdtempSync(join(tmpdir(), 'kith-loader-'));
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
write('plugins/local.mjs', definitionModule('local'));
write('plugins/nothing.mjs', 'export const helper = 1;\n');
write('node_modules/@acme/kith-plugin-erp/package.json', JSON.stringify({ name: '@acme/kith-plugin-erp', type: 'module', exports: { '.': { types: './index.d.ts', require: './index.cjs', import: './index.js' }, './extra': './extra.js' } }));
write('node_modules/@acme/kith-plugin-erp/index.js', definitionModule('erp'));
write('node_modules/@acme/kith-plugin-erp/index.cjs', 'throw new Error("the CommonJS build was picked");\n');
write('node_modules/@acme/kith-plugin-erp/extra.js', definitionModule('erp-extra'));
write('node_modules/old-style/package.json', JSON.stringify({ name: 'old-style', type: 'module', main: 'lib/main.js' }));
write('node_modules/old-style/lib/main.js', definitionModule('old-style'));
const base = join(root, 'app');
mkdirSync(base);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadPlugins', () => {
  it('loads definitions, relative files and packages (exports import condition, subpaths, main) from the base folder', async () => {
    const outcomes = await loadPlugins([definePlugin({ id: 'inline', version: '1.0.0' }), '../plugins/local.mjs', '@acme/kith-plugin-erp', '@acme/kith-plugin-erp/extra', 'old-style'], base);
    expect(outcomes.map((o) => (o.ok ? o.plugin.id : o.failure.message))).toEqual(['inline', 'local', 'erp', 'erp-extra', 'old-style']);
  });

  it('reports a package that is not installed, a missing file and a module without a plugin, each by its specifier', async () => {
    const [missing, noFile, nothing] = await loadPlugins(['@acme/not-installed', './nope.js', '../plugins/nothing.mjs'], base);
    expect(missing).toMatchObject({ ok: false, failure: { plugin: '@acme/not-installed', code: 'KITH_PLUGIN_LOAD_FAILED', message: expect.stringContaining('no package "@acme/not-installed" is installed in') } });
    expect(noFile).toMatchObject({ ok: false, failure: { plugin: './nope.js', code: 'KITH_PLUGIN_LOAD_FAILED', message: expect.stringContaining(`there is no file ${join(base, 'nope.js')}`) } });
    expect(nothing).toMatchObject({ ok: false, failure: { code: 'KITH_PLUGIN_INVALID', message: expect.stringContaining('found an object with "helper"') } });
  });

  it('names a failed loader by what it imports, by its function name, or by its position', async () => {
    const outcomes = await loadPlugins(
      [
        () => import('./version.js'),
        async function crmLoader() {
          throw new Error('boom');
        },
        () => Promise.reject(new Error('later')),
      ],
      base,
    );
    expect(outcomes.map((o) => (o.ok ? o.plugin.id : o.failure.plugin))).toEqual([expect.stringMatching(/version\.(js|ts)$/), 'crmLoader', 'plugins[2]']) // vitest rewrites the specifier it imports;
  });

  it('turns a DefinitionError into KITH_PLUGIN_INVALID with every problem, under the plugin id when it is the plugin that is invalid', async () => {
    const [plugin, entity] = await loadPlugins(
      [() => definePlugin({ id: 'crm', version: 'v1' }), () => definePlugin({ id: 'crm-extra', version: '1.0.0', entities: [defineEntity({ name: 'Bad Name', fields: {} })] })],
      base,
    );
    expect(plugin).toMatchObject({ ok: false, id: 'crm', failure: { plugin: 'crm', code: 'KITH_PLUGIN_INVALID', errors: [{ field: 'version', code: 'KITH_DEFINITION_INVALID' }] } });
    expect(entity).toMatchObject({ ok: false, failure: { plugin: 'plugins[1]', code: 'KITH_PLUGIN_INVALID', message: expect.stringContaining('entity "Bad Name" is invalid') } });
  });

  it('refuses a look-alike object that did not come from definePlugin', async () => {
    const lookAlike = { id: 'fake', version: '1.0.0', requires: {}, entities: [], roles: [] } as unknown as PluginDefinition;
    const [outcome] = await loadPlugins([lookAlike], base);
    expect(outcome).toMatchObject({ ok: false, failure: { plugin: 'fake', code: 'KITH_PLUGIN_INVALID' } });
  });
});
