import { createTestApp, type TestApp } from '@kith/core/testing';
import { crm } from '@kith/plugin-crm';
import { DEMO_USER_PASSWORD, demoUsers, sales } from '@kith/plugin-sales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, q } from '../support/http.js';

// The demo that `pnpm start` shows (kith.config.js: crm and sales with sales' demoUsers): its
// seeds must pass the record service's own validation and give the demo's people their pipeline.
describe('the demo seed of crm and sales', () => {
  let app: TestApp;
  let http: ReturnType<typeof httpClient>;
  const login = async (email: string) => httpClient(app.server, { authorization: `Bearer ${(await http.post('/api/v1/auth/login', { email, password: DEMO_USER_PASSWORD })).body.token}` });
  const total = async (client: ReturnType<typeof httpClient>, entity: string, filter?: Record<string, unknown>) =>
    (await client.get(`/api/v1/records/${entity}${q({ ...(filter ? { filter } : {}), count: 'true', limit: '1' })}`)).body.total as number;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [crm, sales], seed: true, initialUsers: demoUsers });
    http = httpClient(app.server, app.adminHeaders);
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it('writes every row through the record service and reports both plugins healthy', async () => {
    const health = await http.get('/api/v1/health');
    expect(health.body.plugins).toEqual([
      { name: 'crm', version: '1.0.0', state: 'enabled' },
      { name: 'sales', version: '1.0.0', state: 'enabled' },
    ]);
    const counts: Record<string, number> = {};
    for (const entity of ['account', 'contact', 'activity', 'lead', 'pipeline', 'stage', 'opportunity', 'product', 'quote']) counts[entity] = await total(http, entity);
    expect(counts).toEqual({ account: 18, contact: 30, activity: 110, lead: 10, pipeline: 2, stage: 10, opportunity: 53, product: 14, quote: 27 });
  });

  it('looks like a pipeline: open deals in every New business stage, won ones with their ordered quote and account expanded', async () => {
    const main = (await http.get(`/api/v1/records/pipeline${q({ filter: { name: 'New business' } })}`)).body.data[0];
    const stages = (await http.get(`/api/v1/records/stage${q({ filter: { pipeline: main.id }, sort: 'position' })}`)).body.data as { id: number; name: string }[];
    for (const stage of stages) expect(await total(http, 'opportunity', { stage: stage.id }), stage.name).toBeGreaterThan(0);
    const won = await http.get(`/api/v1/records/opportunity${q({ filter: { isWon: true }, sort: '-amount', expand: 'account', limit: '5' })}`);
    expect(won.status).toBe(200);
    expect(won.body.data).toHaveLength(5);
    for (const o of won.body.data) {
      expect(o.account.name).toMatch(/\w/);
      expect(o.probability).toBe(100);
      const quotes = (await http.get(`/api/v1/records/quote${q({ filter: { opportunity: o.id } })}`)).body.data;
      expect(quotes.map((quote: { status: string }) => quote.status)).toEqual(['ordered']);
    }
    expect(await total(http, 'opportunity', { isLost: true, lostReason: { $null: true } })).toBe(0);
  });

  it('gives the demo people their roles: a rep works their own deals, a manager the team’s, the viewer reads accounts only', async () => {
    const users = (await http.get('/api/v1/users')).body.data as { id: number; email: string; teams: number[] }[];
    const ana = users.find((u) => u.email === 'ana.quispe@example.com')!;
    const team = users.filter((u) => u.teams.some((t) => ana.teams.includes(t))).map((u) => u.id);
    const all = await total(http, 'opportunity');

    const asAna = await login('ana.quispe@example.com');
    const own = await total(http, 'opportunity', { owner: ana.id });
    expect(own).toBeGreaterThan(0);
    expect(await total(asAna, 'opportunity')).toBe(own);
    const mine = (await asAna.get(`/api/v1/records/opportunity${q({ limit: '1' })}`)).body.data[0];
    expect((await asAna.patch(`/api/v1/records/opportunity/${mine.id}`, { version: mine.version, nextStep: 'Site visit' })).status).toBe(200);
    const teamMates = (await http.get(`/api/v1/records/opportunity${q({ filter: { owner: { $in: team.filter((id) => id !== ana.id) } }, limit: '1' })}`)).body.data[0];
    expect((await asAna.patch(`/api/v1/records/opportunity/${teamMates.id}`, { version: teamMates.version, nextStep: 'x' })).status).toBe(404);

    const asMarta = await login('marta.ruiz@example.com');
    const teamTotal = await total(http, 'opportunity', { owner: { $in: team } });
    expect(await total(asMarta, 'opportunity')).toBe(teamTotal);
    expect(teamTotal).toBeLessThan(all);

    const asViewer = await login('pablo.ortega@example.com');
    expect(await total(asViewer, 'account')).toBe(18);
    // An entity a role has no grant on is not there for it.
    expect((await asViewer.get('/api/v1/records/opportunity')).status).toBe(404);
    expect((await asViewer.post('/api/v1/records/account', { name: 'x' })).status).toBe(403);
  });
});
