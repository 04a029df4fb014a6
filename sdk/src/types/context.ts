import type { PluginContext } from './plugin-context.js';

/** A structured logger (pino-compatible subset). */
export interface PluginLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Looks up users, e.g. to give sample records an owner. */
export interface UsersReader {
  byEmail(email: string): Promise<{ readonly id: number; readonly email: string; readonly name: string } | undefined>;
}

/** What a plugin's seed function receives: its context (bound to the seed's one transaction) and a users reader. */
export interface SeedContext extends PluginContext {
  readonly users: UsersReader;
}
