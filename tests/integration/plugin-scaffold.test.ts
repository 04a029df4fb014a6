import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffoldPlugin } from '../../core/src/kernel/plugin-scaffold.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe('kith plugin create', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-scaffold-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scaffolds a plugin folder whose own tests pass straight away', async () => {
    const target = join(dir, 'acme-quotes');
    const { files } = scaffoldPlugin('acme-quotes', target);
    expect(files).toEqual(['package.json', 'tsconfig.json', 'vitest.config.ts', 'README.md', 'src/index.ts', 'test/plugin.test.ts']);
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'))).toMatchObject({ name: 'kith-plugin-acme-quotes', type: 'module', dependencies: { '@kith/sdk': expect.any(String) } });
    expect(readFileSync(join(target, 'src/index.ts'), 'utf8')).toContain("import { Type, defineEntity, definePlugin, defineRoute } from '@kith/sdk';");

    // As `npm install` would, but with this workspace's packages: resolved to their sources, as the root vitest config does.
    mkdirSync(join(target, 'node_modules/@kith'), { recursive: true });
    symlinkSync(join(root, 'sdk'), join(target, 'node_modules/@kith/sdk'), 'dir');
    symlinkSync(join(root, 'core'), join(target, 'node_modules/@kith/core'), 'dir');
    symlinkSync(join(root, 'node_modules/vitest'), join(target, 'node_modules/vitest'), 'dir');
    writeFileSync(
      join(target, 'vitest.workspace-sources.config.ts'),
      `import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { alias: [
    { find: /^@kith\\/core\\/testing$/, replacement: ${JSON.stringify(join(root, 'core/src/testing/index.ts'))} },
    { find: /^@kith\\/core$/, replacement: ${JSON.stringify(join(root, 'core/src/index.ts'))} },
    { find: /^@kith\\/sdk$/, replacement: ${JSON.stringify(join(root, 'sdk/src/index.ts'))} },
  ] },
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
`,
    );
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', target, '--config', 'vitest.workspace-sources.config.ts'], {
      cwd: target,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);

    // And it type-checks as written (against the workspace's sources, like its tests ran).
    writeFileSync(
      join(target, 'tsconfig.workspace-sources.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { noEmit: true, rootDir: '.', module: 'ESNext', moduleResolution: 'Bundler', customConditions: ['kith-source'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
        include: ['src', 'test'],
      }),
    );
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.workspace-sources.json'], { cwd: target, timeout: 120_000 });
  }, 240_000);

  it('refuses a name that is not a plugin id, and a folder that is not empty', () => {
    expect(() => scaffoldPlugin('Acme Quotes', join(dir, 'x'))).toThrow(/is not a plugin id/);
    expect(() => scaffoldPlugin('acme-quotes', join(dir, 'acme-quotes'))).toThrow(/exists and is not empty/);
  });
});
