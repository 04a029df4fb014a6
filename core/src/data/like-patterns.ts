/**
 * Converts a SQL LIKE pattern (`%`, `_`, `\` escapes) to an SQLite GLOB pattern, because
 * SQLite's LIKE ignores ASCII case and `$like` must not. GLOB's own wildcards in the
 * literal text are bracketed so they match themselves.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      out += literal(pattern[++i]!);
    } else if (ch === '%') {
      out += '*';
    } else if (ch === '_') {
      out += '?';
    } else {
      out += literal(ch);
    }
  }
  return out;
}

function literal(ch: string): string {
  return ch === '*' || ch === '?' || ch === '[' || ch === ']' ? `[${ch}]` : ch;
}
