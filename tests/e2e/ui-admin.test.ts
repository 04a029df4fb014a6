import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type KithApp } from '@kith/core';
import { demoCompany, demoUsers } from '@kith/example-demo-company';
import { definePlugin } from '@kith/sdk';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The admin UI end to end: the built UI served by a real Kith (demo company, temporary
 * SQLite) on 127.0.0.1, driven in Debian's Chromium. One browser for the file; a context per
 * person. KITH_SCREENSHOTS=1 also saves the main screens to docs/img.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.KITH_SCREENSHOTS === '1';
const PASSWORD = 'kith-demo-user';

/** A role that hides companies' revenue and notes but may edit the rest (the demo's viewer edits nothing). */
const researcherRole = definePlugin({
  id: 'ui-test-roles',
  version: '1.0.0',
  requires: { 'demo-company': '^1.0.0' },
  roles: [
    {
      name: 'researcher',
      label: { en: 'Researcher' },
      grants: { company: { create: 'all', read: 'all', edit: 'all', delete: 'none', fields: { annualRevenue: { read: false, edit: false }, notes: { read: false, edit: false } } } },
    },
  ],
});

interface ConsoleEntry {
  readonly text: string;
  readonly url: string;
}

describe('the admin UI in Chromium, against a real server with the demo company', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-ui-'));
  let app: KithApp;
  let base: string;
  let browser: Browser;
  const consoleErrors: ConsoleEntry[] = [];
  const pageErrors: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // Built into this test's own folder: a `pnpm build` elsewhere rewrites admin-ui/dist under a running server.
    execFileSync('pnpm', ['--filter', '@kith/admin-ui', 'exec', 'vite', 'build', '--outDir', join(dir, 'ui'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
    app = await createApp({
      databaseUrl: `sqlite:${join(dir, 'kith.db')}`,
      plugins: [demoCompany, researcherRole],
      seed: true,
      firstAdmin: { email: 'admin@example.com', password: 'kith-demo-admin', name: 'Demo Admin' },
      initialUsers: [...demoUsers, { email: 'rita.rios@example.com', name: 'Rita Ríos', roles: ['researcher'], teams: [], password: PASSWORD }],
      adminUi: join(dir, 'ui'),
      metadataPollMs: 0,
      worker: false,
      logger: process.env.KITH_UI_LOG ?? false,
    });
    base = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const admin = await call('POST', '/api/v1/auth/login', undefined, { email: 'admin@example.com', password: 'kith-demo-admin' });
    const token = admin.token as string;
    // A validation rule the form must show on its field.
    await call('POST', '/api/v1/metadata/entities/deal/rules', token, {
      name: 'wonNeedsAmount',
      condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '!': { var: 'amount.amount' } }] },
      message: { en: 'A won deal needs an amount.', es: 'Un negocio ganado necesita un importe.' },
      fields: ['amount'],
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    if (Object.keys(timings).length) process.stdout.write(`admin UI timings (ms): ${JSON.stringify(timings)}\n`);
  });

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A fresh browser profile signed in as `email`, with console errors collected. */
  async function signedIn(email: string, password = PASSWORD, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/Lima' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    lastPage = page;
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push({ text: m.text(), url: m.location().url }));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(base);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name').waitFor();
    return { context, page };
  }

  // A failing step leaves a picture of the page behind, to see what the browser saw.
  let lastPage: Page | undefined;
  const contexts: BrowserContext[] = [];
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) await lastPage.screenshot({ path: join(tmpdir(), `kith-ui-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  });

  const shot = async (page: Page, name: string, fullPage = false) => {
    if (!SCREENSHOTS) return;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(root, 'docs/img', `${name}.png`), fullPage });
  };

  it('signs in, shows who is signed in and the entities they may read, grouped by source; signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push({ text: m.text(), url: m.location().url }));
    await page.goto(base);
    await page.getByLabel('Email').fill('marta.ruiz@example.com');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email or password is wrong.');
    await shot(page, 'ui-signin');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    expect(await page.locator('.user-name').textContent()).toBe('Marta Ruiz');
    expect(await page.locator('.user-roles').textContent()).toBe('sales-manager');
    expect(await nav.getByRole('heading').allTextContents()).toEqual(['Demo company']);
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Activities', 'Companies', 'Contacts', 'Deals']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close().catch(() => undefined);
  });

  it('opens deals, filters by stage, saves a view that survives a reload', async () => {
    const { context, page } = await signedIn('marta.ruiz@example.com');
    const started = Date.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    timings.dealListInteractive = Date.now() - started;
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field 1', { exact: true }).selectOption({ label: 'Stage' });
    await page.getByLabel('Condition 1', { exact: true }).selectOption({ label: 'is' });
    await page.getByLabel('Value 1', { exact: true }).selectOption({ label: 'Won' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => new Set(await page.locator('table.records tbody td[data-label="Stage"]').allTextContents())).toEqual(new Set(['Won']));
    await page.getByRole('button', { name: 'Count' }).click();
    await expect.poll(() => page.locator('.pager').textContent()).toMatch(/\d+ records/);
    await shot(page, 'ui-deals-list');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByLabel('View name').fill('Won deals');
    await page.getByRole('button', { name: 'Save as new view' }).click();
    await expect.poll(() => page.url()).toMatch(/\?view=\d+$/);
    await page.reload();
    await page.locator('table.records tbody tr').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Won deals');
    expect(await page.getByRole('button', { name: 'Filter (1)' }).count()).toBe(1);
    expect(new Set(await page.locator('table.records tbody td[data-label="Stage"]').allTextContents())).toEqual(new Set(['Won']));
    // Back to all deals, then the saved view from the picker.
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All Deals' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Deals');
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'Won deals' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Won deals');
    await context.close().catch(() => undefined);
  });

  it('creates a deal with bad input, shows the server’s message on the field, then saves once fixed', async () => {
    const { context, page } = await signedIn('marta.ruiz@example.com');
    await page.goto(`${base}/r/deal`);
    await page.getByRole('link', { name: 'New Deal' }).click();
    await page.getByLabel('Title').fill('Compressors for Cusco (UI test)');
    await page.getByLabel('Stage').selectOption({ label: 'Won' });
    await page.getByRole('button', { name: 'Save' }).click();
    const amount = page.locator('#root_amount').locator('..');
    await expect.poll(() => amount.textContent()).toContain('A won deal needs an amount.');
    expect(await page.getByRole('alert').first().textContent()).toContain('was not saved');
    await shot(page, 'ui-deal-form-error', true);
    await page.getByLabel('Amount', { exact: true }).fill('48000');
    await page.getByLabel('Currency').selectOption('PEN');
    await page.getByLabel('Company', { exact: true }).fill('Andes');
    await page.getByRole('listbox', { name: 'Company' }).getByRole('option').first().click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compressors for Cusco (UI test)' }).waitFor();
    expect(await page.locator('.fields').textContent()).toContain('PEN');
    await context.close().catch(() => undefined);
  });

  it('drags a kanban card to another stage and the move shows in the record’s timeline', async () => {
    // Wide enough for every stage: a drag that has to scroll the board first is a different test.
    const { context, page } = await signedIn('marta.ruiz@example.com', PASSWORD, { width: 1680, height: 900 });
    await page.goto(`${base}/r/deal/board/stage`);
    const card = page.locator('section[data-value="won"] li.kcard', { hasText: 'Compressors for Cusco (UI test)' });
    await card.waitFor();
    // Dropped on the column's heading: its middle is in view, so the page does not scroll mid-drag.
    await card.dragTo(page.locator('section[data-value="negotiation"] h2'));
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Moved “Compressors for Cusco (UI test)” to Negotiation.');
    await page.locator('section[data-value="negotiation"] li.kcard', { hasText: 'Compressors for Cusco (UI test)' }).waitFor();
    await shot(page, 'ui-deal-board');
    // A move the server refuses (a rule) goes back, with the server's reason.
    const other = page.locator('section[data-value="prospecting"] li.kcard').first();
    const otherTitle = (await other.locator('.card-title').textContent())!;
    const saved = await call('POST', '/api/v1/auth/login', undefined, { email: 'admin@example.com', password: 'kith-demo-admin' });
    await call('POST', '/api/v1/metadata/entities/deal/rules', saved.token as string, { name: 'noSkipping', condition: { and: [{ '==': [{ var: 'stage' }, 'won'] }, { '<': [{ var: 'probability' }, 50] }] }, message: { en: 'Only a deal at 50 % or more can be won.' }, fields: ['stage'] });
    await page.getByLabel(`Move “${otherTitle}” to`).selectOption({ label: 'Won' });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Only a deal at 50 % or more can be won.');
    await page.locator('section[data-value="prospecting"] li.kcard', { hasText: otherTitle }).waitFor();
    await page.locator('section[data-value="negotiation"] li.kcard', { hasText: 'Compressors for Cusco (UI test)' }).getByRole('link').click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('li.event').first().textContent()).toMatch(/Marta Ruiz changed it.*Stage\s*Won → Negotiation/);
    await shot(page, 'ui-deal-record');
    await context.close().catch(() => undefined);
  });

  it('never shows a hidden field to a restricted role: not in the list, the filter builder, the record page or the form', async () => {
    const { context, page } = await signedIn('rita.rios@example.com');
    await page.goto(`${base}/r/company`);
    await page.locator('table.records tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    const picker = await page.locator('.column-picker').textContent();
    expect(picker).toContain('Industry');
    expect(picker).not.toMatch(/Annual revenue|Notes/);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    const filterFields = await page.getByLabel('Field 1', { exact: true }).locator('option').allTextContents();
    expect(filterFields).toContain('Industry');
    expect(filterFields.join('|')).not.toMatch(/Annual revenue|Notes/);
    expect(await page.locator('table.records thead').textContent()).not.toMatch(/Annual revenue|Notes/);
    await shot(page, 'ui-company-restricted');
    await page.locator('table.records tbody tr').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    expect(await page.locator('.fields').textContent()).not.toMatch(/Annual revenue|Notes/);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Industry').waitFor();
    expect(await page.locator('.record-form').textContent()).not.toMatch(/Annual revenue|Notes/);
    await context.close().catch(() => undefined);
  });

  it('works at phone width and in Spanish', async () => {
    const { context, page } = await signedIn('ana.quispe@example.com', PASSWORD, { width: 390, height: 844 });
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Menú' }).click();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Deals' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Filtro' }).count()).toBe(1);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'ui-deals-phone-es');
    await context.close().catch(() => undefined);
  });

  it('logged no console errors but the one failed request the form test provoked', () => {
    expect(pageErrors).toEqual([]);
    const unexpected = consoleErrors.filter((e) => !(e.text.includes('status of 401') && e.url.endsWith('/api/v1/auth/login')) && !(e.text.includes('status of 400') && e.url.endsWith('/api/v1/records/deal')) && !(e.text.includes('status of 400') && /\/api\/v1\/records\/deal\/\d+$/.test(e.url)));
    expect(unexpected).toEqual([]);
  });
});
