import { createApp } from '@kith/core';
import { ADMIN } from './admin.mjs';
import { benchPlugin } from './plugin.mjs';

const SEED_ACTOR = { userId: null, channel: 'seed', isAdmin: true };
const CHUNK = 1000;

/**
 * Fills `entity` with `count` rows made by `rowOf(i)` (i from 1) through Kith's record service,
 * 1,000 rows per bulkCreate (its limit), in an app opened on `databaseUrl`; creates the admin.
 */
export async function seedThroughKith(databaseUrl, entity, count, rowOf) {
  const app = await createApp({ databaseUrl, plugins: [benchPlugin], logger: false, metadataPollMs: 0, firstAdmin: ADMIN });
  try {
    const started = performance.now();
    for (let start = 1; start <= count; start += CHUNK) {
      const rows = [];
      for (let i = start; i < start + CHUNK && i <= count; i++) rows.push(rowOf(i));
      await app.records.bulkCreate(entity, rows, SEED_ACTOR);
    }
    const ms = performance.now() - started;
    return { entity, rows: count, ms, rowsPerSec: count / (ms / 1000) };
  } finally {
    await app.close();
  }
}
