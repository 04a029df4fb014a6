import { createTestApp } from '@kith/core/testing';
import { expect, it } from 'vitest';
import { salesFixture } from '../fixtures/plugins/sales-fixture.js';
import { httpClient } from '../support/http.js';

it('createTestApp boots the plugins with a client’s customisations on top', async () => {
  const app = await createTestApp({
    plugins: [salesFixture],
    customisations: [
      { kind: 'addField', entityId: 'deal', field: { id: 'deal.region.t1', name: 'region', type: 'select', label: { en: 'Region' }, options: [{ value: 'north', label: { en: 'North' } }], source: 'custom' } },
      { kind: 'updateField', entityId: 'deal', fieldId: 'deal.title', changes: { label: { en: 'Deal name' } } },
      {
        kind: 'addWorkflow',
        workflow: { id: 'won', label: { en: 'Won' }, entity: 'deal', trigger: { type: 'fieldChanged', field: 'stage', to: 'won' }, actions: [{ type: 'setFields', values: { probability: 100 } }], enabled: true, version: 1, source: 'custom' },
      },
    ],
  });
  try {
    const http = httpClient(app.server, app.adminHeaders);
    const deal = (await http.get('/api/v1/metadata/entities/deal')).body as { fields: { name: string; label: { en: string } }[] };
    expect(deal.fields.find((f) => f.name === 'region')).toBeDefined();
    expect(deal.fields.find((f) => f.name === 'title')!.label.en).toBe('Deal name');
    expect(((await http.get('/api/v1/workflows')).body as { data: { id: string }[] }).data.map((w) => w.id)).toEqual(['won']);
    expect((await http.post('/api/v1/records/deal', { title: 'x', region: 'north' })).status).toBe(201);
  } finally {
    await app.close();
  }
});

it('a customisation that does not apply fails the boot with its reason', async () => {
  await expect(
    createTestApp({ plugins: [salesFixture], customisations: [{ kind: 'updateField', entityId: 'deal', fieldId: 'deal.nope', changes: { required: true } }] }),
  ).rejects.toThrow(/Field "deal\.nope" no longer exists/);
});
