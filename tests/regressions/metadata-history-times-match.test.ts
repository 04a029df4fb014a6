import { createTestApp } from '@kith/core/testing';
import { expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { httpClient } from '../support/http.js';

// Regression: the registry kept its own `new Date()` for a change it had just stored with
// another one, so the customisations list and the metadata history (read from the table)
// could disagree on when a change was made by a millisecond or more.
it('a change has the same createdAt in the customisations list and in the metadata history', async () => {
  const app = await createTestApp({ plugins: [salesFixture] });
  try {
    const http = httpClient(app.server, app.adminHeaders);
    for (const label of ['Deal name', 'Opportunity name', 'Name']) await http.patch('/api/v1/metadata/entities/deal/fields/title', { label });
    const listed = (await http.get('/api/v1/metadata/customisations')).body.data as { seq: number; createdAt: string }[];
    const history = (await http.get('/api/v1/metadata/history')).body.data as { seq: number; createdAt: string }[];
    expect(listed.map((c) => [c.seq, c.createdAt])).toEqual(history.reverse().map((e) => [e.seq, e.createdAt]));
  } finally {
    await app.close();
  }
});
