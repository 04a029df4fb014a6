import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { PackageErrors } from './package-errors.js';
import type { PackageFiles } from './package-format.js';
import { PACKAGE_FOLDERS } from './package-kinds.js';

/** Every `.json` file under `dir` (not in dot-folders such as `.git`), by path relative to it with `/`. */
async function jsonFiles(dir: string, root = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await jsonFiles(path, root)));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(relative(root, path).split(sep).join('/'));
  }
  return found;
}

/**
 * Reads a package folder. Every `.json` file is taken, so a misplaced one (`entity/deal.json`)
 * is reported by the package check instead of being silently skipped; other files (a README)
 * are left alone.
 */
export async function readPackageFolder(dir: string): Promise<PackageFiles> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw PackageErrors.folderNotFound(dir);
  const files: Record<string, string> = {};
  for (const file of (await jsonFiles(dir)).sort()) files[file] = await readFile(join(dir, file), 'utf8');
  return files;
}

/**
 * Writes package files into `dir`, and removes the `.json` files of the package folders
 * (`entities/`, `roles/`, `rules/`, `workflows/`) that the package no longer has, so the folder is exactly
 * the export and git shows removals as removals.
 */
export async function writePackageFolder(dir: string, files: PackageFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const folder of PACKAGE_FOLDERS.keys()) {
    const existing = await readdir(join(dir, folder)).catch(() => [] as string[]);
    for (const name of existing) {
      if (name.endsWith('.json') && !(`${folder}/${name}` in files)) await rm(join(dir, folder, name));
    }
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text, 'utf8');
  }
}
