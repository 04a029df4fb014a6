import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Errors } from '../errors/index.js';

/** Paths that belong to the server, never to the UI: an unknown one stays a 404 problem. */
const SERVER_PREFIXES = ['/api/', '/docs', '/openapi.json'];

/** The built admin UI (`@kith/admin-ui`'s `dist`), or undefined when it is not installed or not built. */
export function findAdminUi(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@kith/admin-ui/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the admin UI at `/`: its files (hashed assets cached for a year, index.html never),
 * and index.html for any other GET outside the API, so the UI's own paths (`/r/deal/42`)
 * survive a reload. Registered in its own scope: its `sendFile` decoration stays local.
 */
export async function serveAdminUi(server: FastifyInstance, root: string): Promise<void> {
  // Read once: the page keeps working while the UI is rebuilt (its new assets need a restart).
  const page = readFileSync(join(root, 'index.html'));
  const sendPage = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  await server.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // index.html is answered from memory below, for `/` and every UI path.
      globIgnore: ['index.html'],
      setHeaders: (reply, path) => {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    scope.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      // A missing file (an old asset, a typo) is a 404, not the page: only UI routes get index.html.
      const file = /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/')));
      if (path === '/index.html') return sendPage(reply);
      if (file || SERVER_PREFIXES.some((p) => path.startsWith(p))) throw Errors.routeNotFound(request.method, path);
      return sendPage(reply);
    });
    scope.get('/', async (_request, reply) => sendPage(reply));
  });
}
