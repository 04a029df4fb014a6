import { createTestApp } from '@kith/core/testing';
import { expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { httpClient } from '../support/http.js';

// Regression: an optional field's schema is `T | null`, and a bad value was reported as
// "must be union value" instead of what is wrong with it.
it('a bad value in an optional field says what is wrong with it', async () => {
  const app = await createTestApp({ plugins: [salesFixture] });
  try {
    const http = httpClient(app.server, app.adminHeaders);
    const messages = async (body: object) => ((await http.post('/api/v1/records/deal', body)).body as { errors: { field: string; message: string }[] }).errors.map((e) => [e.field, e.message]);
    expect(await messages({ title: 'x', tags: ['hot', 'zzz'] })).toEqual([['tags', 'Tags: "zzz" is not one of: hot, cold, partner.']]);
    expect(await messages({ title: 'x', probability: 'abc' })).toEqual([['probability', 'Probability: must be number (a percent field); got "abc".']]);
    expect(await messages({ title: 'x', stage: 'nope' })).toEqual([['stage', 'Stage: "nope" is not one of: lead, proposal, won, lost.']]);
  } finally {
    await app.close();
  }
});
