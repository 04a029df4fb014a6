import { createTestApp, type TestApp } from '@kith/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { httpClient } from '../support/http.js';
import { crmPlugin, REP_ROLE, signedInUser } from './reports-fixture.js';

/**
 * Reports: every figure is checked against the same figure computed here, in plain
 * JavaScript, from the rows the test wrote — for an administrator and for a restricted role.
 */
const databases = await testDatabases();
type Http = ReturnType<typeof httpClient>;

interface Deal {
  id: number;
  stage: string;
  amount: { amount: number; currency: string };
  probability: number;
  margin: number | null;
  closeDate: string;
  closedAt: string;
  owner: number;
  company: number | null;
}
interface Company {
  id: number;
  industry: string | null;
  country: string;
}

const STAGES = ['lead', 'won', 'lost'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO 8601 week, the textbook way: the week of the Thursday of the date's Monday-to-Sunday week. */
function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - jan1) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function bucketOf(bucket: string, date: string): string {
  switch (bucket) {
    case 'day':
      return date;
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
    default:
      return date.slice(0, 4);
  }
}

/** Groups `rows` by `key` and computes `measure` per group. */
function groupsOf<T, V>(rows: readonly T[], key: (r: T) => string | null, measure: (rs: T[]) => V): Map<string | null, V> {
  const groups = new Map<string | null, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return new Map([...groups].map(([k, rs]) => [k, measure(rs)]));
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const sum = (ns: number[]) => round2(ns.reduce((a, b) => a + b, 0));

describe.each(databases)('reports on $name', (database) => {
  let app: TestApp;
  let drop: () => Promise<void>;
  let admin: Http;
  let rep: { id: number; http: Http };
  let other: { id: number; http: Http };
  let nobody: { id: number; http: Http };
  const companies: Company[] = [];
  const deals: Deal[] = [];

  beforeAll(async () => {
    const fresh = await database.fresh();
    drop = fresh.drop;
    app = await createTestApp({ plugins: [crmPlugin], databaseUrl: fresh.url });
    admin = httpClient(app.server, app.adminHeaders);
    expect((await admin.post('/api/v1/metadata/roles', REP_ROLE)).status).toBe(201);
    rep = await signedInUser(app, admin, 'rep', ['rep']);
    other = await signedInUser(app, admin, 'other', ['rep']);
    nobody = await signedInUser(app, admin, 'nobody', []);
    const industries = ['energy', 'retail', null, 'mining', 'energy', 'retail'];
    const made = await admin.post('/api/v1/records/company/bulk', industries.map((industry, i) => ({ name: `Company ${i}`, industry, country: i % 2 === 0 ? 'PE' : 'CL', secret: `s${i}` })));
    expect(made.status).toBe(201);
    companies.push(...made.body.data.map((c: Company) => ({ id: c.id, industry: c.industry, country: c.country })));
    const owners = [rep.id, other.id, 1];
    // 2025-12-20 onwards: crosses ISO week-year edges (2025-12-29 is 2026-W01, 2027-01-01 is 2026-W53).
    const rows = Array.from({ length: 240 }, (_, i) => {
      const closeDate = addDays('2025-12-20', (i * 37) % 420);
      return {
        title: `Deal ${i}`,
        stage: STAGES[i % 3],
        amount: { amount: ((i * 7919) % 100_000) / 100, currency: i % 10 === 0 ? 'EUR' : 'USD' },
        probability: i % 101,
        margin: i % 11 === 0 ? null : (i % 17) + 0.25,
        closeDate,
        // Late evening in Lima is the next day in UTC: buckets are UTC.
        closedAt: `${closeDate}T${String(i % 24).padStart(2, '0')}:30:00-05:00`,
        owner: owners[i % 3],
        company: i % 13 === 0 ? null : companies[i % companies.length]!.id,
      };
    });
    const created = await admin.post('/api/v1/records/deal/bulk', rows);
    expect(created.status).toBe(201);
    deals.push(...created.body.data);
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const report = (http: Http, body: unknown) => http.post('/api/v1/reports/query', body);

  it('counts, sums, averages and extremes per stage match an independent computation', async () => {
    const res = await report(admin, {
      entity: 'deal',
      groupBy: ['stage'],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount.amount' }, { op: 'avg', field: 'probability' }, { op: 'min', field: 'closeDate' }, { op: 'max', field: 'closedAt' }, { op: 'count', field: 'margin' }, { op: 'sum', field: 'margin', as: 'marginTotal' }],
    });
    expect(res.status).toBe(200);
    const want = groupsOf(deals, (d) => d.stage, (rs) => ({
      count: rs.length,
      sum: sum(rs.map((d) => d.amount.amount)),
      avg: rs.reduce((a, d) => a + d.probability, 0) / rs.length,
      min: rs.map((d) => d.closeDate).sort()[0],
      max: rs.map((d) => new Date(d.closedAt).toISOString()).sort().at(-1),
      margins: rs.filter((d) => d.margin !== null).length,
      marginTotal: sum(rs.flatMap((d) => (d.margin === null ? [] : [d.margin]))),
    }));
    expect(res.body.rows.map((r: { stage: string }) => r.stage)).toEqual(['lead', 'lost', 'won']);
    for (const row of res.body.rows) {
      const w = want.get(row.stage)!;
      expect(row.count).toBe(w.count);
      expect(row['sum:amount.amount']).toBeCloseTo(w.sum, 2);
      expect(row['avg:probability']).toBeCloseTo(w.avg, 9);
      expect(row['min:closeDate']).toBe(w.min);
      expect(row['max:closedAt']).toBe(w.max);
      expect(row['count:margin']).toBe(w.margins);
      expect(row.marginTotal).toBeCloseTo(w.marginTotal, 2);
    }
    expect(res.body.totals.count).toBe(deals.length);
    expect(res.body.totals['sum:amount.amount']).toBeCloseTo(sum(deals.map((d) => d.amount.amount)), 2);
    expect(res.body.totals['avg:probability']).toBeCloseTo(deals.reduce((a, d) => a + d.probability, 0) / deals.length, 9);
    expect(res.body.truncated).toBe(false);
    expect(res.body.columns.map((c: { key: string }) => c.key)).toEqual(['stage', 'count', 'sum:amount.amount', 'avg:probability', 'min:closeDate', 'max:closedAt', 'count:margin', 'marginTotal']);
  });

  it.each(['day', 'week', 'month', 'quarter', 'year'])('buckets dates by %s (ISO weeks, UTC for date-times), two keys at once', async (bucket) => {
    const byDate = await report(admin, { entity: 'deal', groupBy: [{ field: 'closeDate', bucket }, 'stage'], measures: [{ op: 'count' }] });
    expect(byDate.status).toBe(200);
    const want = groupsOf(deals, (d) => `${bucketOf(bucket, d.closeDate)}|${d.stage}`, (rs) => rs.length);
    const got = new Map(byDate.body.rows.map((r: Record<string, unknown>) => [`${String(r[`closeDate:${bucket}`])}|${String(r.stage)}`, r.count]));
    expect(got).toEqual(want);
    const keys = byDate.body.rows.map((r: Record<string, string>) => r[`closeDate:${bucket}`]);
    expect(keys).toEqual([...keys].sort());
    const byTime = await report(admin, { entity: 'deal', groupBy: [{ field: 'closedAt', bucket, as: 'when' }], measures: [{ op: 'count' }] });
    const wantTime = groupsOf(deals, (d) => bucketOf(bucket, new Date(d.closedAt).toISOString().slice(0, 10)), (rs) => rs.length);
    expect(new Map(byTime.body.rows.map((r: { when: string; count: number }) => [r.when, r.count]))).toEqual(wantTime);
  });

  it('labels ISO weeks at the year edges', async () => {
    const edges: Record<string, string> = { '2025-12-28': '2025-W52', '2025-12-29': '2026-W01', '2026-01-04': '2026-W01', '2027-01-01': '2026-W53', '2027-01-04': '2027-W01' };
    for (const [date, week] of Object.entries(edges)) expect(isoWeek(date)).toBe(week);
    const made = await admin.post('/api/v1/records/deal/bulk', Object.keys(edges).map((closeDate) => ({ title: `edge ${closeDate}`, closeDate, probability: -1 })));
    const res = await report(admin, { entity: 'deal', filter: { probability: -1 }, groupBy: [{ field: 'closeDate', bucket: 'week' }], measures: [{ op: 'count' }] });
    expect(res.body.rows).toEqual([
      { 'closeDate:week': '2025-W52', count: 1 },
      { 'closeDate:week': '2026-W01', count: 2 },
      { 'closeDate:week': '2026-W53', count: 1 },
      { 'closeDate:week': '2027-W01', count: 1 },
    ]);
    for (const d of made.body.data) await admin.delete(`/api/v1/records/deal/${d.id}`);
  });

  it("won amount by the company's industry: across a many-to-one relation, money kept in its currency", async () => {
    const res = await report(admin, { entity: 'deal', filter: { stage: 'won', 'amount.currency': 'USD' }, groupBy: ['company.industry'], measures: [{ op: 'sum', field: 'amount' }, { op: 'count' }] });
    expect(res.status).toBe(200);
    const industryOf = (d: Deal) => companies.find((c) => c.id === d.company)?.industry ?? null;
    const won = deals.filter((d) => d.stage === 'won' && d.amount.currency === 'USD');
    const want = groupsOf(won, industryOf, (rs) => ({ count: rs.length, sum: sum(rs.map((d) => d.amount.amount)) }));
    expect(res.body.rows.length).toBe(want.size);
    for (const row of res.body.rows) {
      const w = want.get(row['company.industry'])!;
      expect(row.count).toBe(w.count);
      expect(row['sum:amount'].currency).toBe('USD');
      expect(row['sum:amount'].amount).toBeCloseTo(w.sum, 2);
    }
    expect(res.body.rows.at(-1)['company.industry']).toBeNull(); // empty values sort last
    expect(res.body.warnings).toBeUndefined();
  });

  it('never adds amounts in different currencies: the mixed group is empty and a warning says why', async () => {
    const res = await report(admin, { entity: 'deal', groupBy: ['stage'], measures: [{ op: 'sum', field: 'amount' }] });
    expect(res.body.rows.every((r: Record<string, unknown>) => r['sum:amount'] === null)).toBe(true);
    expect(res.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'KITH_REPORT_MIXED_CURRENCIES', field: 'measures[0]' })]));
    const perCurrency = await report(admin, { entity: 'deal', groupBy: ['amount.currency'], measures: [{ op: 'sum', field: 'amount' }] });
    const want = groupsOf(deals, (d) => d.amount.currency, (rs) => sum(rs.map((d) => d.amount.amount)));
    for (const row of perCurrency.body.rows) expect(row['sum:amount'].amount).toBeCloseTo(want.get(row['amount.currency'])!, 2);
  });

  it('sorts by a measure and cuts at limit, while the totals still cover every row', async () => {
    const res = await report(admin, { entity: 'deal', groupBy: [{ field: 'closeDate', bucket: 'month' }], measures: [{ op: 'count' }, { op: 'max', field: 'title' }], sort: ['-count', 'closeDate:month'], limit: 3 });
    const want = [...groupsOf(deals, (d) => d.closeDate.slice(0, 7), (rs) => rs.length)].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, 3);
    expect(res.body.rows.map((r: Record<string, unknown>) => [r['closeDate:month'], r.count])).toEqual(want);
    expect(res.body.truncated).toBe(true);
    expect(res.body.totals.count).toBe(deals.length);
    expect(typeof res.body.totals['max:title']).toBe('string');
  });

  it('a restricted role counts only the rows it may read, and related values it may not see stay empty', async () => {
    const res = await report(rep.http, { entity: 'deal', groupBy: ['stage', 'company.industry'], measures: [{ op: 'count' }, { op: 'sum', field: 'amount.amount' }] });
    expect(res.status).toBe(200);
    const mine = deals.filter((d) => d.owner === rep.id);
    // Companies outside Peru are outside the rep's scope: their industry is not revealed.
    const industryOf = (d: Deal) => {
      const c = companies.find((x) => x.id === d.company);
      return c && c.country === 'PE' ? c.industry : null;
    };
    const want = groupsOf(mine, (d) => `${d.stage}|${String(industryOf(d))}`, (rs) => ({ count: rs.length, sum: sum(rs.map((d) => d.amount.amount)) }));
    expect(res.body.rows.length).toBe(want.size);
    for (const row of res.body.rows) {
      const w = want.get(`${row.stage}|${String(row['company.industry'])}`)!;
      expect(row.count).toBe(w.count);
      expect(row['sum:amount.amount']).toBeCloseTo(w.sum, 2);
    }
    expect(res.body.totals.count).toBe(mine.length);
    const everyone = await report(admin, { entity: 'deal', measures: [{ op: 'count' }] });
    expect(everyone.body.totals.count).toBeGreaterThan(mine.length);
  });

  it.each([
    ['grouping by a hidden field', { groupBy: ['margin'] }, 'groupBy[0]'],
    ['measuring a hidden field', { measures: [{ op: 'sum', field: 'margin' }] }, 'measures[0].field'],
    ['filtering on a hidden field', { filter: { margin: { $gt: 1 } } }, 'filter.margin'],
    ['a hidden field of a related record', { groupBy: ['company.secret'] }, 'groupBy[0]'],
  ])('refuses %s to a restricted role exactly as an unknown field', async (_what, body, path) => {
    const res = await report(rep.http, { entity: 'deal', ...body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('KITH_REPORT_INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([path]);
    expect(res.body.errors[0].message).toMatch(/is not a field of (deal|company)/);
    expect(JSON.stringify(res.body)).not.toMatch(/Known fields:[^"]*margin|Known fields:[^"]*secret/);
  });

  it('an entity out of reach is a 404, as on the records API', async () => {
    expect((await report(nobody.http, { entity: 'deal' })).status).toBe(404);
    expect((await report(rep.http, { entity: 'activity' })).status).toBe(404);
    const through = await report(rep.http, { entity: 'deal', groupBy: ['contact.activities'] });
    expect(through.status).toBe(400);
  });

  it.each([
    ['an unknown bucket', { groupBy: [{ field: 'closeDate', bucket: 'fortnight' }] }, 'groupBy[0].bucket'],
    ['a bucket on a field that is not a date', { groupBy: [{ field: 'title', bucket: 'month' }] }, 'groupBy[0].bucket'],
    ['a huge limit', { limit: 1_000_000_000 }, 'limit'],
    ['a limit that is not a number', { limit: '10; DROP TABLE deal' }, 'limit'],
    ['SQL in a field name', { groupBy: ['stage"; DROP TABLE deal; --'] }, 'groupBy[0]'],
    ['an unknown field', { groupBy: ['nope'] }, 'groupBy[0]'],
    ['a sum of text', { measures: [{ op: 'sum', field: 'title' }] }, 'measures[0].field'],
    ['an unknown aggregate', { measures: [{ op: 'median', field: 'probability' }] }, 'measures[0].op'],
    ['sum without a field', { measures: [{ op: 'sum' }] }, 'measures[0].field'],
    ['grouping by a list', { groupBy: ['tags'] }, 'groupBy[0]'],
    ['a part a composite does not have', { groupBy: ['contact.name.middle'] }, 'groupBy[0]'],
    ['a sort key that is not a column', { groupBy: ['stage'], sort: ['-amount'] }, 'sort[0]'],
    ['two columns with one key', { groupBy: ['stage', { field: 'title', as: 'stage' }] }, 'groupBy[1]'],
    ['too many relation steps', { groupBy: ['contact.company.owner.x'] }, 'groupBy[0]'],
    ['an operator injection in the filter', { filter: { stage: { $where: '1=1' } } }, 'filter.stage'],
    ['an unknown part of the body', { entity: 'deal', having: 'count > 1' }, 'having'],
  ])('refuses %s with a coded problem naming the path', async (_what, body, path) => {
    const res = await report(admin, { entity: 'deal', ...body });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('KITH_REPORT_INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(path);
    expect(typeof res.body.detail).toBe('string');
  });

  it('treats SQL in filter values as values', async () => {
    const res = await report(admin, { entity: 'deal', filter: { title: { $like: "%' OR '1'='1" } }, measures: [{ op: 'count' }] });
    expect(res.status).toBe(200);
    expect(res.body.totals.count).toBe(0);
    expect((await report(admin, { entity: 'deal', measures: [{ op: 'count' }] })).body.totals.count).toBe(deals.length);
  });

  describe('dashboards', () => {
    const widget = { title: 'Deals by stage', chart: 'bar', report: { entity: 'deal', groupBy: ['stage'], measures: [{ op: 'count' }] }, layout: { x: 0, y: 0, w: 6, h: 4 } };

    it('saves reports as widgets; each reader gets figures within their own permissions', async () => {
      const created = await admin.post('/api/v1/dashboards', { name: 'Pipeline', shared: true, widgets: [widget, { title: 'Margin', chart: 'number', report: { entity: 'deal', measures: [{ op: 'sum', field: 'margin' }] } }] });
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(`/api/v1/dashboards/${created.body.id}`);
      const mine = await admin.get(`/api/v1/dashboards/${created.body.id}/data`);
      expect(mine.body.widgets[0].result.totals.count).toBe(deals.length);
      const theirs = await rep.http.get(`/api/v1/dashboards/${created.body.id}/data`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.widgets[0].result.totals.count).toBe(deals.filter((d) => d.owner === rep.id).length);
      // The margin widget is over a field the rep may not read: that widget answers with the problem, nothing else.
      expect(theirs.body.widgets[1].error.code).toBe('KITH_REPORT_INVALID');
      expect(theirs.body.widgets[1].result).toBeUndefined();
      expect((await rep.http.get('/api/v1/dashboards')).body.data.map((d: { id: number; mine: boolean }) => [d.id, d.mine])).toContainEqual([created.body.id, false]);
      expect((await rep.http.patch(`/api/v1/dashboards/${created.body.id}`, { version: 1, name: 'Mine now' })).status).toBe(403);
      expect((await rep.http.delete(`/api/v1/dashboards/${created.body.id}`)).status).toBe(403);
    });

    it('keeps personal dashboards personal, refuses stale versions, and deletes', async () => {
      const created = await rep.http.post('/api/v1/dashboards', { name: 'Mine', widgets: [widget] });
      expect(created.status).toBe(201);
      expect((await other.http.get(`/api/v1/dashboards/${created.body.id}`)).status).toBe(404);
      const renamed = await rep.http.patch(`/api/v1/dashboards/${created.body.id}`, { version: 1, name: 'Mine, renamed' });
      expect(renamed.body).toMatchObject({ version: 2, name: 'Mine, renamed', mine: true });
      const stale = await rep.http.patch(`/api/v1/dashboards/${created.body.id}`, { version: 1, name: 'x' });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(2);
      expect((await rep.http.delete(`/api/v1/dashboards/${created.body.id}`)).status).toBe(204);
      expect((await rep.http.get(`/api/v1/dashboards/${created.body.id}`)).status).toBe(404);
    });

    it('saves only widgets their owner could run, naming the path of each problem', async () => {
      const res = await rep.http.post('/api/v1/dashboards', {
        name: 'Bad',
        widgets: [widget, { title: 'Hidden', chart: 'pie', report: { entity: 'deal', groupBy: ['margin'] } }, { title: '', chart: 'radar', report: { entity: 'activity' } }],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('KITH_DASHBOARD_INVALID');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['widgets[1].report.groupBy[0]', 'widgets[2].chart', 'widgets[2].report.entity', 'widgets[2].title']);
    });
  });
});
