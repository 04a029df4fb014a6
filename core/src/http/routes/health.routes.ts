import type { FastifyInstance } from 'fastify';
import type { Database } from '../../data/database.js';

/** The state of one plugin, as health reports it. */
export interface PluginStatus {
  /** The plugin id, or how kith.config.js names it when it failed before its id was known. */
  readonly name: string;
  /** Null when it failed before its definition could be read. */
  readonly version: string | null;
  readonly state: 'enabled' | 'failed' | 'disabled';
  readonly error?: string;
  /** The error's stable code (`KITH_PLUGIN_*`). */
  readonly code?: string;
}

/**
 * `GET /api/v1/health`: status, version, database, plugins. Open to all (load balancers call it).
 * `degraded` (still 200) when a plugin failed: the server runs without it and its dependents.
 */
export function healthRoutes(server: FastifyInstance, db: Database, version: string, plugins: () => readonly PluginStatus[]): void {
  server.get('/api/v1/health', async (_request, reply) => {
    let database: { dialect: string; status: 'ok' | 'down'; error?: string };
    try {
      await db.reader.all('SELECT 1', []);
      database = { dialect: db.dialect, status: 'ok' };
    } catch (error) {
      database = { dialect: db.dialect, status: 'down', error: (error as Error).message };
    }
    const list = plugins();
    const status = database.status === 'down' ? 'down' : list.some((p) => p.state === 'failed') ? 'degraded' : 'ok';
    return reply.status(status === 'down' ? 503 : 200).send({ status, version, database, plugins: list });
  });
}
