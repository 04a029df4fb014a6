import { setTimeout as sleep } from 'node:timers/promises';
import { SECONDS, measure, randomId, varyingGet } from './load.mjs';

const NEW_FIELD = { name: 'region', type: 'text' };
const LEAD_IN_MS = 1500;

/**
 * Adds a text field to `big` (`rows` rows) through the metadata API while 10 connections read
 * `big` by id. Reports the metadata call's duration and what the readers saw while it ran:
 * responses, non-2xx, errors and the slowest read inside that window.
 */
export async function addFieldUnderLoad(server, auth, rows) {
  const headers = { authorization: auth };
  const reads = await measure({
    url: server.url,
    request: varyingGet(() => `/api/v1/records/big/${randomId(rows)}`, headers),
    seconds: Math.max(SECONDS, 4),
    onStarted: async (probe) => {
      await sleep(LEAD_IN_MS);
      const window = probe.window();
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/metadata/entities/big/fields`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(NEW_FIELD),
      });
      const ms = performance.now() - started;
      const text = await response.text();
      return { status: response.status, ms, during: window.close(), error: response.ok ? undefined : text };
    },
  });
  const after = await fetch(`${server.url}/api/v1/records/big/${rows}`, { headers });
  const record = after.ok ? await after.json() : {};
  const { side, ...load } = reads;
  return { field: NEW_FIELD.name, ...side, visibleOnReads: NEW_FIELD.name in record, reads: load };
}
