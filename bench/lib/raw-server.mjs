// Child process: the raw baseline. fastify + a bare driver (libsql or pg) with prepared
// statements on the same tables Kith created, doing the same work as Kith's routes.
// argv: sqlite <file> | postgres <url> <schema>
import Fastify from 'fastify';
import { DEAL_SELECT, STAGES, dealRecord } from './deal-shape.mjs';
import { openSqlite } from './libsql.mjs';

const LIST_SQL = (p1, p2) => `SELECT ${DEAL_SELECT} FROM "deal" WHERE "deleted_at" IS NULL AND "stage" = ${p1} ORDER BY "amount" DESC, "id" LIMIT ${p2}`;
const GET_SQL = (p1) => `SELECT ${DEAL_SELECT} FROM "deal" WHERE "id" = ${p1} AND "deleted_at" IS NULL`;

/** libsql on the file: one connection, WAL, synchronous=FULL, busy timeout (as Kith). */
function sqliteStore(file) {
  const db = openSqlite(file);
  const get = db.prepare(GET_SQL('?')).raw(true);
  const list = db.prepare(LIST_SQL('?', '?')).raw(true);
  const insert = db
    .prepare(`INSERT INTO "deal" ("version", "created_at", "updated_at", "created_by", "updated_by", "title", "stage", "amount", "owner", "close_date") VALUES (1, ?, ?, NULL, NULL, ?, ?, ?, ?, ?) RETURNING ${DEAL_SELECT}`)
    .raw(true);
  return {
    get: async (id) => get.get([id]),
    list: async (stage, limit) => list.all([stage, limit]),
    // An explicit BEGIN IMMEDIATE … COMMIT, as Kith does: measured ~1.5× faster here than an
    // autocommit INSERT … RETURNING through libsql, and just as durable (synchronous=FULL).
    create: async (b) => {
      const now = new Date().toISOString();
      db.exec('BEGIN IMMEDIATE');
      try {
        const [row] = insert.all([now, now, b.title ?? null, b.stage ?? null, b.amount ?? null, b.owner ?? null, b.closeDate ?? null]);
        db.exec('COMMIT');
        return row;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

/** A pg pool of 10 (as Kith's) with named prepared statements and Kith's type parsing. */
async function postgresStore(url, schema) {
  const { default: pg } = await import('pg');
  const parsers = { 20: Number, 1700: Number, 1082: (v) => v, 1184: (v) => new Date(v).toISOString() };
  const types = { getTypeParser: (oid, format) => parsers[oid] ?? pg.types.getTypeParser(oid, format) };
  const pool = new pg.Pool({ connectionString: url, max: 10, types, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined);
  const query = async (name, text, values) => (await pool.query({ name, text, values, rowMode: 'array' })).rows;
  return {
    get: async (id) => (await query('get', GET_SQL('$1'), [id]))[0],
    list: (stage, limit) => query('list', LIST_SQL('$1', '$2'), [stage, limit]),
  };
}

const [kind, target, schema] = process.argv.slice(2);
const store = kind === 'sqlite' ? sqliteStore(target) : await postgresStore(target, schema);
const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.get('/deal/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } }, async (request, reply) => {
  const row = await store.get(request.params.id);
  if (!row) return reply.code(404).send({ error: 'not found' });
  return dealRecord(row);
});

const listQuery = {
  type: 'object',
  required: ['stage'],
  properties: { stage: { type: 'string', enum: STAGES }, limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
};
app.get('/deals', { schema: { querystring: listQuery } }, async (request) => {
  const { stage, limit } = request.query;
  const rows = await store.list(stage, limit + 1);
  const page = rows.slice(0, limit).map(dealRecord);
  const last = page[page.length - 1];
  return { data: page, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.amount, last.id])).toString('base64url') : null };
});

if (store.create) {
  const nullable = (type, extra = {}) => ({ type: [type, 'null'], ...extra });
  const body = {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: nullable('string', { maxLength: 1000 }),
      stage: { enum: [...STAGES, null] },
      amount: nullable('number'),
      owner: nullable('string', { maxLength: 1000 }),
      closeDate: nullable('string', { format: 'date' }),
    },
  };
  app.post('/deal', { schema: { body } }, async (request, reply) => reply.code(201).send(dealRecord(await store.create(request.body))));
}

await app.listen({ host: '127.0.0.1', port: 0 });
process.on('message', (message) => {
  if (message?.type === 'rss') process.send({ type: 'rss', rss: process.memoryUsage().rss });
  if (message?.type === 'stop') void app.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0)); // the bench parent is gone
process.send({ type: 'listening', port: app.server.address().port });
