import { structuredPatch } from 'diff';
import type { PackageFiles } from './setup-api.js';

/** One line of a hunk: added, removed or context. */
export interface DiffLine {
  readonly kind: '+' | '-' | ' ';
  readonly text: string;
}

/** A file of a package compared with this instance's export. */
export interface FileDiff {
  readonly path: string;
  readonly status: 'added' | 'changed' | 'removed';
  readonly hunks: readonly { readonly header: string; readonly lines: readonly DiffLine[] }[];
}

/**
 * What a package changes, file by file, as a unified diff against this instance's own export
 * (the same files `git diff` would compare): new files, changed ones with 3 lines of context,
 * and files only this instance has (apply never removes those). Identical files are left out.
 */
export function packageDiff(current: PackageFiles, incoming: PackageFiles): FileDiff[] {
  const paths = [...new Set([...Object.keys(current), ...Object.keys(incoming)])].sort((a, b) => (a === 'kith-package.json' ? 1 : b === 'kith-package.json' ? -1 : a.localeCompare(b)));
  const diffs: FileDiff[] = [];
  for (const path of paths) {
    const before = current[path];
    const after = incoming[path];
    if (before === after) continue;
    const patch = structuredPatch(path, path, before ?? '', after ?? '', undefined, undefined, { context: 3 });
    diffs.push({
      path,
      status: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
      hunks: patch.hunks.map((h) => ({
        header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
        lines: h.lines.filter((l) => !l.startsWith('\\')).map((l) => ({ kind: l[0] as DiffLine['kind'], text: l.slice(1) })),
      })),
    });
  }
  return diffs;
}

/** The sign of a planned change, as the command line prints it: `+` adds, `~` changes, `-` removes, `!` is destructive. */
export function changeSign(change: { readonly kind: string; readonly destructive: boolean }): '+' | '~' | '-' | '!' {
  if (change.destructive) return '!';
  if (change.kind.startsWith('add')) return '+';
  if (change.kind.startsWith('remove')) return '-';
  return '~';
}
