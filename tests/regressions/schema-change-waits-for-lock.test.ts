import { spawn } from 'node:child_process';
import { createTestApp } from '@kith/core/testing';
import { expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { httpClient } from '../support/http.js';

// Regression: MikroORM's SQLite connection had busy_timeout 0, so adding a field while another
// process held the write lock failed at once with SQLITE_BUSY (a 500) instead of waiting.
const HOLD_LOCK = `
const Libsql = require(require.resolve('libsql', { paths: [process.argv[2]] }));
const db = new Libsql(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);
`;

it('a schema change waits for another process’s write lock instead of failing', async () => {
  const app = await createTestApp({ plugins: [salesFixture] });
  try {
    const holder = spawn(process.execPath, ['-e', HOLD_LOCK, app.databaseUrl.slice('sqlite:'.length), new URL('../../core', import.meta.url).pathname]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    const started = Date.now();
    const res = await httpClient(app.server, app.adminHeaders).post('/api/v1/metadata/entities/deal/fields', { name: 'probe', type: 'text' });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThan(100); // it did wait for the other process
  } finally {
    await app.close();
  }
});
