import { createTestApp, type TestApp } from '@kith/core/testing';
import demoCompany, { DEMO_USER_PASSWORD, demoUsers } from '@kith/example-demo-company';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, q } from '../support/http.js';

// The demo that `pnpm start` shows: its seed must pass the record service's own validation.
describe('the demo company seed', () => {
  let app: TestApp;
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    app = await createTestApp({ plugins: [demoCompany], seed: true, initialUsers: demoUsers });
    http = httpClient(app.server, app.adminHeaders);
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  it('writes every row through the record service and reports the plugin healthy', async () => {
    const health = await http.get('/api/v1/health');
    expect(health.body.plugins).toEqual([{ name: 'demo-company', version: '1.0.0', state: 'enabled' }]);
    const counts: Record<string, number> = {};
    for (const entity of ['company', 'contact', 'deal', 'activity']) {
      counts[entity] = (await http.get(`/api/v1/records/${entity}${q({ count: 'true', limit: '1' })}`)).body.total;
    }
    expect(counts).toEqual({ company: 300, contact: 1200, deal: 2000, activity: 3000 });
  });

  it('has related, realistic data: won deals in Lima with their company expanded', async () => {
    const res = await http.get(`/api/v1/records/deal${q({ filter: { stage: 'won', company: { address: { $null: false }, 'address.city': { $in: ['Lima', 'Arequipa', 'Cusco', 'Madrid', 'Bogotá'] } } }, sort: '-amount', expand: 'company', limit: '5' })}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(5);
    for (const d of res.body.data) {
      expect(d.company.name).toMatch(/\w/);
      expect(['Lima', 'Arequipa', 'Cusco', 'Madrid', 'Bogotá']).toContain(d.company.address.city);
      expect(d.probability).toBe(100);
    }
    const phones = await http.get(`/api/v1/records/contact${q({ filter: { phone: { $like: '+51%' } }, count: 'true', limit: '1' })}`);
    expect(phones.body.total).toBeGreaterThan(50);
  });

  it('gives the demo people their roles: a rep sees the team pipeline, edits only their own deals; the viewer sees no revenue', async () => {
    const login = async (email: string) => httpClient(app.server, { authorization: `Bearer ${(await http.post('/api/v1/auth/login', { email, password: DEMO_USER_PASSWORD })).body.token}` });
    const users = (await http.get('/api/v1/users')).body.data as { id: number; email: string; teams: number[] }[];
    const ana = users.find((u) => u.email === 'ana.quispe@example.com')!;
    const team = users.filter((u) => u.teams.some((t) => ana.teams.includes(t))).map((u) => u.id);
    const expected = (await http.get(`/api/v1/records/deal${q({ filter: { owner: { $in: team } }, count: 'true', limit: '1' })}`)).body.total;
    expect(expected).toBeGreaterThan(0);
    const asAna = await login('ana.quispe@example.com');
    const seen = await asAna.get(`/api/v1/records/deal${q({ count: 'true', limit: '1' })}`);
    expect(seen.body.total).toBe(expected);
    expect(seen.body.total).toBeLessThan(2000);
    const teamMates = (await asAna.get(`/api/v1/records/deal${q({ filter: { owner: { $ne: ana.id } }, limit: '1' })}`)).body.data[0];
    expect((await asAna.patch(`/api/v1/records/deal/${teamMates.id}`, { version: teamMates.version, stage: 'lost' })).status).toBe(403);
    const own = (await asAna.get(`/api/v1/records/deal${q({ filter: { owner: ana.id }, limit: '1' })}`)).body.data[0];
    expect((await asAna.patch(`/api/v1/records/deal/${own.id}`, { version: own.version, probability: 55 })).status).toBe(200);
    const asViewer = await login('pablo.ortega@example.com');
    const companies = await asViewer.get(`/api/v1/records/company${q({ limit: '5' })}`);
    expect(companies.body.data).toHaveLength(5);
    expect(JSON.stringify(companies.body)).not.toMatch(/annualRevenue|"notes"/);
    expect((await asViewer.post('/api/v1/records/deal', { title: 'x', stage: 'won' })).status).toBe(403);
  });
});
