import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type KithApp } from '@kith/core';
import { defineEntity, definePlugin } from '@kith/sdk';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * Dashboards and global search end to end, in Chromium, on a server of their own: a small
 * fixture plugin (accounts with a tier, a yearly revenue and a start date), records written over
 * HTTP, then a dashboard built in the UI whose figures must be the ones written, and a record
 * found from the header's search box. KITH_SCREENSHOTS=1 saves the screens to docs/img.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.KITH_SCREENSHOTS === '1';
const ADMIN = { email: 'admin@example.com', password: 'kith-dashboards-admin', name: 'Dana Admin' };

const account = defineEntity({
  name: 'account',
  label: { en: 'Account', es: 'Cuenta' },
  labelPlural: { en: 'Accounts', es: 'Cuentas' },
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true, searchable: true, label: { en: 'Name', es: 'Nombre' } },
    tier: {
      type: 'select',
      label: { en: 'Tier', es: 'Nivel' },
      options: [
        { value: 'gold', label: { en: 'Gold', es: 'Oro' } },
        { value: 'silver', label: { en: 'Silver', es: 'Plata' } },
        { value: 'bronze', label: { en: 'Bronze', es: 'Bronce' } },
      ],
    },
    arr: { type: 'currency', defaultCurrency: 'USD', label: { en: 'Yearly revenue', es: 'Ingreso anual' } },
    since: { type: 'date', label: { en: 'Customer since', es: 'Cliente desde' } },
  },
});
const accountsFixture = definePlugin({ id: 'accounts-fixture', version: '1.0.0', entities: [account] });

// What the server holds, and so what the dashboard must show: gold 2, silver 3, bronze 4.
const ACCOUNTS = [
  { name: 'Quillabamba Coffee Growers', tier: 'gold', arr: 120000, since: '2026-01-12' },
  { name: 'Arequipa Textiles', tier: 'gold', arr: 95000, since: '2026-02-03' },
  { name: 'Lima Harbour Logistics', tier: 'silver', arr: 40000, since: '2026-01-20' },
  { name: 'Cusco Trekking Co', tier: 'silver', arr: 31000, since: '2026-02-14' },
  { name: 'Trujillo Solar', tier: 'silver', arr: 28500, since: '2026-03-01' },
  { name: 'Piura Mangoes', tier: 'bronze', arr: 9000, since: '2026-01-05' },
  { name: 'Iquitos River Tours', tier: 'bronze', arr: 7500, since: '2026-02-21' },
  { name: 'Tacna Dental Clinic', tier: 'bronze', arr: 6200, since: '2026-03-09' },
  { name: 'Chiclayo Bakery', tier: 'bronze', arr: 4100, since: '2026-03-17' },
];

describe('dashboards and global search in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-ui-dashboards-'));
  let app: KithApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  let token = '';
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  beforeAll(async () => {
    execFileSync('pnpm', ['--filter', '@kith/admin-ui', 'exec', 'vite', 'build', '--outDir', join(dir, 'ui'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
    app = await createApp({ databaseUrl: `sqlite:${join(dir, 'kith.db')}`, plugins: [accountsFixture], firstAdmin: ADMIN, adminUi: join(dir, 'ui'), metadataPollMs: 0, worker: false, logger: false });
    base = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
    token = ((await login.json()) as { token: string }).token;
    for (const a of ACCOUNTS) await call('POST', '/api/v1/records/account', { ...a, arr: { amount: a.arr, currency: 'USD' } });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'America/Lima' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} (${m.location().url})`));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(base);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) await page.screenshot({ path: join(tmpdir(), `kith-ui-dashboards-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
  });

  const shot = async (name: string) => {
    if (!SCREENSHOTS) return;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(root, 'docs/img', `${name}.png`) });
  };

  /** The figures table under a widget, row by row, as the cells' text. */
  const figures = (widget: string) =>
    page
      .getByRole('region', { name: widget })
      .getByRole('table')
      .locator('tr')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));

  it('builds a dashboard with a bar widget counting accounts by tier, and shows the figures written', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    await page.getByText('No dashboards yet').waitFor();
    await page.getByRole('link', { name: 'New dashboard' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Accounts');
    await page.getByLabel('Share with everyone signed in', { exact: false }).check();
    await page.getByRole('button', { name: 'Add widget' }).click();
    const widget = page.getByRole('group', { name: 'Widget 1' });
    await widget.getByLabel('Report on').selectOption({ label: 'Accounts' });
    await expect.poll(() => widget.getByLabel('Group by').inputValue()).toBe('tier');
    await widget.getByLabel('Title').fill('Accounts by tier');
    expect(await widget.getByLabel('Chart').inputValue()).toBe('bar');
    expect(await widget.getByLabel('Measure').inputValue()).toBe('count');
    await shot('ui-dashboard-editor');
    await page.getByRole('button', { name: 'Save dashboard' }).click();

    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const region = page.getByRole('region', { name: 'Accounts by tier' });
    await region.locator('canvas').waitFor();
    // The chart's figures, from the table every chart carries for screen readers (a select's groups in the order of its options).
    expect(await figures('Accounts by tier')).toEqual([
      ['Tier', 'Count'],
      ['Gold', '2'],
      ['Silver', '3'],
      ['Bronze', '4'],
      ['Total', '9'],
    ]);
    // And Chart.js drew them: a canvas with a size, inside a box hidden from screen readers (the table speaks for it).
    expect(await region.locator('canvas').evaluate((c) => {
      const { width, height } = c as unknown as { width: number; height: number };
      return [width > 0 && height > 0, c.closest('[aria-hidden="true"]') !== null];
    })).toEqual([true, true]);
    await region.getByRole('button', { name: 'Show the figures' }).click();
    expect(await region.getByRole('table').isVisible()).toBe(true);
    await region.getByRole('button', { name: 'Hide the figures' }).click();
  });

  it('renders a date bucket with a key as stacked bars and a total as a number, each widget on its own', async () => {
    const list = await call<{ data: { id: number; version: number; widgets: unknown[] }[] }>('GET', '/api/v1/dashboards');
    const dashboard = list.data[0]!;
    await call('PATCH', `/api/v1/dashboards/${dashboard.id}`, {
      version: dashboard.version,
      widgets: [
        ...dashboard.widgets,
        { title: 'Yearly revenue', chart: 'number', layout: { x: 6, y: 0, w: 6, h: 4 }, report: { entity: 'account', groupBy: [], measures: [{ op: 'sum', field: 'arr' }, { op: 'count' }] } },
        {
          title: 'New accounts by month and tier',
          chart: 'bar',
          layout: { x: 0, y: 4, w: 12, h: 4 },
          report: { entity: 'account', groupBy: [{ field: 'since', bucket: 'month' }, 'tier'], measures: [{ op: 'count' }] },
        },
      ],
    });
    await page.reload();
    const tile = page.getByRole('region', { name: 'Yearly revenue' });
    await expect.poll(() => tile.locator('.tile-value').allTextContents()).toEqual(['$341,300.00', '9']);
    expect(await figures('New accounts by month and tier')).toEqual([
      ['Customer since', 'Tier', 'Count'],
      ['Jan 2026', 'Gold', '1'],
      ['Jan 2026', 'Silver', '1'],
      ['Jan 2026', 'Bronze', '1'],
      ['Feb 2026', 'Gold', '1'],
      ['Feb 2026', 'Silver', '1'],
      ['Feb 2026', 'Bronze', '1'],
      ['Mar 2026', 'Silver', '1'],
      ['Mar 2026', 'Bronze', '2'],
      ['Total', '', '9'],
    ]);
    await page.getByRole('region', { name: 'New accounts by month and tier' }).locator('canvas').waitFor();
    await shot('ui-dashboard');
  });

  it('finds an account by a word of its name from the header and opens it with Enter', async () => {
    const search = page.getByRole('combobox', { name: 'Search everything' });
    await search.fill('harbour');
    const results = page.getByRole('listbox', { name: 'Search everything' });
    await results.getByRole('option', { name: 'Lima Harbour Logistics' }).waitFor();
    expect(await results.getByRole('group').getAttribute('aria-label')).toBe('Accounts');
    await search.fill('tre');
    await expect.poll(() => results.getByRole('option').allTextContents()).toEqual(['Cusco Trekking Co']);
    await search.fill('lima');
    await results.getByRole('option', { name: 'Lima Harbour Logistics' }).waitFor();
    await shot('ui-dashboard-search');
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Lima Harbour Logistics' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/r\/account\/\d+$/);
  });

  it('logs no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
