import type { FastifyInstance } from 'fastify';
import { Params } from '../../data/sql.js';
import type { Database } from '../../data/database.js';
import { Errors } from '../../errors/index.js';
import { actorOf } from '../request-context.js';

type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

/**
 * `GET /api/v1/people?q=…|ids=…`: the names of active users, for showing an owner and picking
 * an assignee. Any signed-in user may ask (colleagues' names are what a user field shows);
 * only id and name come back, never an email, role or admin flag — `/users` stays for admins.
 */
export function peopleRoutes(server: FastifyInstance, db: Database): void {
  server.get<{ Querystring: RawQuery }>('/api/v1/people', async (request) => {
    actorOf(request);
    const { q, ids, ...rest } = request.query;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw Errors.invalidQuery(unknown, `"${unknown}" is not a query parameter here; use: q, ids.`);
    if (Array.isArray(q) || Array.isArray(ids)) throw Errors.invalidQuery(Array.isArray(q) ? 'q' : 'ids', 'Send it once.');
    const idList = ids ? ids.split(',').map((s) => s.trim()) : [];
    if (idList.length > 200 || idList.some((s) => !/^[1-9]\d{0,9}$/.test(s))) throw Errors.invalidQuery('ids', 'ids is a comma-separated list of up to 200 user ids.');
    if (q !== undefined && q.length > 100) throw Errors.invalidQuery('q', 'q is at most 100 characters.');
    const p = new Params(db.dialect);
    const where = [`"active" = ${p.add(db.dialect === 'postgresql' ? true : 1)}`];
    if (idList.length > 0) where.push(`"id" IN (${idList.map((s) => p.add(Number(s))).join(', ')})`);
    if (q) where.push(`LOWER("name") LIKE ${p.add(`%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} ESCAPE '\\'`);
    const rows = await db.reader.all(`SELECT "id", "name" FROM "kith_user" WHERE ${where.join(' AND ')} ORDER BY "name", "id" LIMIT 200`, p.values);
    return { data: rows.map(([id, name]) => ({ id: Number(id), name: String(name) })) };
  });
}
