import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PLUGIN_ID_PATTERN } from '@kith/sdk';
import { KithError } from '../errors/index.js';
import { KITH_VERSION } from './version.js';

/** What `kith plugin create` writes. */
export interface ScaffoldResult {
  readonly dir: string;
  readonly files: readonly string[];
}

/**
 * Writes a new plugin folder: package.json, tsconfig.json, vitest.config.ts, a README,
 * src/index.ts (definePlugin with an entity, a settings schema and a route) and a test that
 * boots it with createTestApp and passes as written. `name` is the plugin id.
 */
export function scaffoldPlugin(name: string, dir: string): ScaffoldResult {
  if (!PLUGIN_ID_PATTERN.test(name) || name.length > 64) {
    throw new KithError({ code: 'KITH_PLUGIN_NAME_INVALID', status: 400, field: 'name', message: `"${name}" is not a plugin id: use lower-case words joined by dashes (acme-quotes), at most 64 characters.` });
  }
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new KithError({ code: 'KITH_PLUGIN_FOLDER_EXISTS', status: 409, message: `${target} exists and is not empty; choose another folder (--dir) or remove it.` });
  }
  const files = templates(name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), content);
  }
  return { dir: target, files: Object.keys(files) };
}

/** `acme-quotes` → `acmeQuotes`. */
function camel(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function templates(id: string): Record<string, string> {
  const entity = `${camel(id)}Note`;
  const range = `^${KITH_VERSION}`;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `kith-plugin-${id}`,
        version: '0.1.0',
        description: `${id}: a Kith plugin`,
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
        files: ['dist'],
        scripts: { build: 'tsc -p tsconfig.json', test: 'vitest run' },
        dependencies: { '@kith/sdk': range },
        devDependencies: { '@kith/core': range, typescript: '^5.9.3', vitest: '^4.1.12' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, declaration: true, outDir: 'dist', rootDir: 'src', skipLibCheck: true },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    'vitest.config.ts': `import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
`,
    'README.md': `# ${id}

A Kith plugin. \`src/index.ts\` declares it; \`test/\` boots a real Kith with it.

\`\`\`sh
npm install
npm test        # boots Kith on a temporary SQLite file with this plugin
npm run build   # dist/, what kith.config.js loads
\`\`\`

List it in \`kith.config.js\` (\`plugins: ['kith-plugin-${id}']\` once installed next to it, or
\`'./plugins/${id}/dist/index.js'\`). See the plugin author's guide: routes, settings, the
plugin context, migrations and upgrades.
`,
    'src/index.ts': `import { Type, defineEntity, definePlugin, defineRoute } from '@kith/sdk';

/** One entity to start from: rename it, add fields (every field gets a stable id). */
const note = defineEntity({
  name: '${entity}',
  titleField: 'title',
  fields: {
    title: { type: 'text', required: true, maxLength: 200 },
    done: { type: 'boolean', default: false },
  },
});

/** Settings an administrator reads and changes at GET/PUT /api/v1/plugins/${id}/settings. */
export const Settings = Type.Object({
  greeting: Type.String({ default: 'Hello', maxLength: 100 }),
});

/** GET /api/v1/plugins/${id}/summary: how many notes the caller may see. */
const summary = defineRoute({
  method: 'GET',
  path: '/summary',
  handler: async (_request, ctx) => {
    const { greeting } = await ctx.settings.get(Settings);
    const page = await ctx.records.list('${entity}', { limit: 1, count: true });
    return { greeting, notes: page.total ?? 0 };
  },
});

export default definePlugin({
  id: '${id}',
  version: '0.1.0',
  entities: [note],
  settings: Settings,
  routes: [summary],
  // Each release that changes data adds a migration: { version: '0.2.0', renameFields: […], up: async (ctx) => … }
  migrations: [],
});
`,
    'test/plugin.test.ts': `import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

describe('${id}', () => {
  let app: TestApp;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.server.inject({ method, url, headers: app.adminHeaders, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    app = await createTestApp({ plugins: [plugin] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('starts with Kith', async () => {
    const health = (await call('GET', '/api/v1/health')).json();
    expect(health.status).toBe('ok');
    expect(health.plugins).toEqual([{ name: '${id}', version: '0.1.0', state: 'enabled' }]);
  });

  it('stores notes through the records API and counts them in its route', async () => {
    expect((await call('POST', '/api/v1/records/${entity}', { title: 'First note' })).statusCode).toBe(201);
    expect((await call('GET', '/api/v1/plugins/${id}/summary')).json()).toEqual({ greeting: 'Hello', notes: 1 });
  });

  it('takes settings that fit its schema, and names the field of those that do not', async () => {
    expect((await call('PUT', '/api/v1/plugins/${id}/settings', { greeting: 'Hi' })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/plugins/${id}/summary')).json()).toMatchObject({ greeting: 'Hi' });
    const refused = await call('PUT', '/api/v1/plugins/${id}/settings', { greeting: 42 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'KITH_PLUGIN_SETTINGS_INVALID', field: 'greeting' });
  });
});
`,
  };
}
