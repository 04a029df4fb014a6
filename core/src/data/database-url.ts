import { resolve } from 'node:path';
import { KithError } from '../errors/index.js';

/** Where the data lives, parsed from DATABASE_URL. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgresql'; readonly url: string; readonly schema: string };

/** Parses `sqlite:./data/kith.db`, `sqlite::memory:` or `postgres://…[?schema=name]`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '' ) throw badUrl(url);
    return { dialect: 'sqlite', file: path === ':memory:' ? ':memory:' : resolve(cwd, path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw badUrl(url);
    parsed.searchParams.delete('schema');
    return { dialect: 'postgresql', url: parsed.toString(), schema };
  }
  throw badUrl(url);
}

function badUrl(url: string): KithError {
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  return new KithError({
    code: 'KITH_CONFIG_DATABASE_URL',
    status: 500,
    message: `DATABASE_URL "${shown}" is not understood. Use sqlite:./data/kith.db or postgres://user:password@host:5432/database[?schema=name].`,
  });
}

/** The target without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `sqlite:${target.file}`;
  const u = new URL(target.url);
  return `postgresql://${u.hostname}:${u.port || 5432}${u.pathname}?schema=${target.schema}`;
}
