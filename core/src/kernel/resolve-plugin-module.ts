import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CONDITIONS = new Set(['import', 'node', 'default']);

/**
 * The URL to import for a plugin listed by module specifier in kith.config.js, resolved
 * from the config file's folder (not from @kith/core's, which cannot see the project's
 * packages under pnpm): `./plugins/acme.js`, `/abs/path.js`, `file:…`, or a package name
 * (`@acme/kith-plugin-x`, `@acme/kith-plugin-x/sub`) found in a `node_modules` folder above,
 * through its `exports` (`import`/`node`/`default` conditions) or `main`.
 */
export function resolvePluginModule(specifier: string, baseDir: string): string {
  if (specifier.startsWith('file:')) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const file = resolve(baseDir, specifier);
    if (!existsSync(file)) throw new Error(`there is no file ${file} (relative specifiers resolve from ${baseDir}, the folder of kith.config.js)`);
    return pathToFileURL(file).href;
  }
  const found = packageEntry(specifier, baseDir);
  if (found === null) throw new Error(`no package "${specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/')}" is installed in ${baseDir} or a folder above it`);
  if (found) return pathToFileURL(found).href;
  // Installed, but its exports say nothing we read: let Node's require resolution try.
  return pathToFileURL(createRequire(join(baseDir, 'kith.config.js')).resolve(specifier)).href;
}

/** The file a package specifier points to; null when no such package is installed, undefined when its manifest says nothing we read. */
function packageEntry(specifier: string, baseDir: string): string | null | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name);
    if (existsSync(join(root, 'package.json'))) {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: unknown; main?: unknown };
      const target = manifest.exports !== undefined ? exportTarget(manifest.exports, subpath) : subpath === '.' ? (typeof manifest.main === 'string' ? manifest.main : 'index.js') : subpath;
      return target === undefined ? undefined : resolve(root, target);
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The target of `subpath` in an `exports` field (exact subpaths; no `*` patterns). */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  const isSubpathMap = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditionTarget(exports) : undefined;
  return conditionTarget((exports as Record<string, unknown>)[subpath]);
}

/** The first target whose condition applies to an `import` on Node, in the package's own key order. */
function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = conditionTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [condition, target] of Object.entries(value)) {
    if (!CONDITIONS.has(condition)) continue;
    const found = conditionTarget(target);
    if (found !== undefined) return found;
  }
  return undefined;
}
