import { setTimeout as sleep } from 'node:timers/promises';
import { CONCURRENT_BODY } from './deal-shape.mjs';
import { openSqlite } from './libsql.mjs';
import { measure } from './load.mjs';

/**
 * Creates under 20 connections, then proves every acknowledged write is on disk: the server
 * is SIGKILLed (no clean close, no checkpoint), and the ids from every 201 are looked up in the
 * file through a fresh connection. Rows that exist without a counted 2xx were in flight when
 * the load stopped (committed, answer not awaited).
 */
export async function concurrentCreates(server, build, file) {
  const acked = [];
  const onResponse = (status, text) => {
    if (status === 201) acked.push(JSON.parse(text).id);
  };
  const load = await measure({ url: server.url, request: build(onResponse), connections: 20, warmup: 0 });
  await sleep(500); // let writes still queued in the server finish
  const rss = await server.rss();
  await server.kill();
  const db = openSqlite(file);
  try {
    const onDisk = new Set(db.prepare('SELECT "id" FROM "deal" WHERE "owner" = ?').raw(true).all([CONCURRENT_BODY.owner]).map((r) => r[0]));
    const missing = acked.filter((id) => !onDisk.has(id)).length;
    return { ...load, rss, acked: acked.length, rowsOnDisk: onDisk.size, missing, inFlightAtStop: onDisk.size - (acked.length - missing) };
  } finally {
    db.close();
  }
}
