import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, Worker, type KithApp } from '@kith/core';
import { crm } from '@kith/plugin-crm';
import { demoUsers, sales } from '@kith/plugin-sales';
import { definePlugin } from '@kith/sdk';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The admin UI end to end: the built UI served by a real Kith (crm and sales with their demo,
 * as `pnpm start` shows it; temporary SQLite) on 127.0.0.1, driven in Debian's Chromium. One browser for the file; a context per
 * person. KITH_SCREENSHOTS=1 also saves the main screens to docs/img.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.KITH_SCREENSHOTS === '1';
const PASSWORD = 'kith-demo-user';
/** What a sales manager's navigation lists: crm's and sales' menus. */
const NAV_HEADINGS = ['CRM', 'Sales'];
const NAV_LINKS = ['Dashboards', 'Accounts', 'Contacts', 'Activities', 'Leads', 'Opportunities', 'Board', 'Forecast', 'Quotes', 'Products', 'Pipelines', 'Price book', 'Quote lines', 'Stages'];

/** A role that hides accounts' revenue and description but may edit the rest (the demo's viewer edits nothing). */
const researcherRole = definePlugin({
  id: 'ui-test-roles',
  version: '1.0.0',
  requires: { crm: '^1.0.0' },
  roles: [
    {
      name: 'researcher',
      label: { en: 'Researcher' },
      grants: { account: { create: 'all', read: 'all', edit: 'all', delete: 'none', fields: { annualRevenue: { read: false, edit: false }, description: { read: false, edit: false } } } },
    },
  ],
});

interface ConsoleEntry {
  readonly text: string;
  readonly url: string;
}

describe('the admin UI in Chromium, against a real server with the crm and sales demo', () => {
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
      plugins: [crm, sales, researcherRole],
      seed: true,
      firstAdmin: { email: 'admin@example.com', password: 'kith-demo-admin', name: 'Demo Admin' },
      initialUsers: [...demoUsers, { email: 'rita.rios@example.com', name: 'Rita Ríos', roles: ['researcher'], teams: [], password: PASSWORD }],
      adminUi: join(dir, 'ui'),
      metadataPollMs: 0,
      worker: false,
      logger: process.env.KITH_UI_LOG ?? false,
    });
    base = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
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
    expect(await nav.getByRole('heading').allTextContents()).toEqual(NAV_HEADINGS);
    expect(await nav.getByRole('link').allTextContents()).toEqual(NAV_LINKS);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close().catch(() => undefined);
  });

  it('opens opportunities, filters by stage, saves a view that survives a reload', async () => {
    const { context, page } = await signedIn('marta.ruiz@example.com');
    const started = Date.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Opportunities' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    timings.opportunityListInteractive = Date.now() - started;
    // The list budget as it is stated (50 rows interactive within 100 ms of their data): measured by the list itself, reported, not asserted.
    const listTiming = await page.waitForFunction('window.__kithListTiming && window.__kithListTiming.entity === "opportunity" && window.__kithListTiming').then((h) => h.jsonValue() as Promise<{ rows: number; interactiveMs: number; namesMs: number; renderMs: number }>);
    console.info(`list budget: ${listTiming.rows} opportunity rows interactive ${listTiming.interactiveMs} ms after their data was parsed (names ${listTiming.namesMs} ms, render ${listTiming.renderMs} ms)`);
    timings.listDataToInteractive = listTiming.interactiveMs;
    // And on a full page of 50: the demo's activities (110 of them).
    await page.goto(`${base}/r/activity`);
    const fullPage = await page.waitForFunction('window.__kithListTiming && window.__kithListTiming.entity === "activity" && window.__kithListTiming').then((h) => h.jsonValue() as Promise<{ rows: number; interactiveMs: number; namesMs: number; renderMs: number }>);
    console.info(`list budget: ${fullPage.rows} activity rows interactive ${fullPage.interactiveMs} ms after their data was parsed (names ${fullPage.namesMs} ms, render ${fullPage.renderMs} ms)`);
    expect(fullPage.rows).toBe(50);
    await page.goto(`${base}/r/opportunity`);
    await page.locator('table.records tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field 1', { exact: true }).selectOption({ label: 'Stage' });
    await page.getByLabel('Condition 1', { exact: true }).selectOption({ label: 'is' });
    // Stages are records of the pipeline, so the value is picked like any related record.
    await page.getByLabel('Value 1', { exact: true }).fill('Closed won');
    await page.getByRole('listbox', { name: 'Value 1' }).getByRole('option', { name: 'Closed won' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => new Set(await page.locator('table.records tbody td[data-label="Stage"]').allTextContents())).toEqual(new Set(['Closed won']));
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    await expect.poll(() => page.locator('.pager').textContent()).toMatch(/\d+ records/);
    await shot(page, 'ui-opportunities-list');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByLabel('View name').fill('Won deals');
    await page.getByRole('button', { name: 'Save as new view' }).click();
    await expect.poll(() => page.url()).toMatch(/\?view=\d+$/);
    await page.reload();
    await page.locator('table.records tbody tr').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Won deals');
    expect(await page.getByRole('button', { name: 'Filter (1)' }).count()).toBe(1);
    expect(new Set(await page.locator('table.records tbody td[data-label="Stage"]').allTextContents())).toEqual(new Set(['Closed won']));
    // Back to all opportunities, then the saved view from the picker.
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'All Opportunities' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Opportunities');
    await page.getByLabel('View', { exact: true }).selectOption({ label: 'Won deals' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Won deals');
    await context.close().catch(() => undefined);
  });

  it('creates an opportunity with bad input, shows the server’s message on the field, then saves once fixed', async () => {
    const { context, page } = await signedIn('marta.ruiz@example.com');
    await page.goto(`${base}/r/opportunity`);
    await page.getByRole('link', { name: 'New Opportunity' }).click();
    // A required field's label ends in a marker, so labels are matched by their start.
    await page.getByLabel(/^Name/).fill('Compressors for Cusco (UI test)');
    const pick = async (label: string, text: string, option: string | RegExp) => {
      await page.getByLabel(new RegExp(`^${label}`)).fill(text);
      await page.getByRole('listbox', { name: label }).getByRole('option', { name: option }).first().click();
    };
    await pick('Account', 'Minera', /Minera/);
    await pick('Pipeline', 'New business', 'New business');
    await pick('Stage', 'Closed lost', 'Closed lost');
    await page.getByRole('button', { name: 'Save' }).click();
    // sales' own rule: a lost opportunity says why.
    const reason = page.locator('#root_lostReason').locator('..');
    await expect.poll(() => reason.textContent()).toContain('Say why the opportunity was lost.');
    expect(await page.getByRole('alert').first().textContent()).toContain('was not saved');
    await shot(page, 'ui-opportunity-form-error', true);
    await page.getByLabel('Lost reason').selectOption({ label: 'Competitor' });
    await page.getByLabel('Amount', { exact: true }).fill('48000');
    await page.getByLabel('Currency').selectOption('PEN');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compressors for Cusco (UI test)' }).waitFor();
    expect((await page.locator('.fields').allTextContents()).join('|')).toContain('PEN');
    await context.close().catch(() => undefined);
  });

  it('drags a lead card to another status on the kanban and the move shows in the record’s timeline', async () => {
    // The board groups by a select field: leads by status.
    const { context, page } = await signedIn('marta.ruiz@example.com', PASSWORD, { width: 1680, height: 900 });
    await page.goto(`${base}/r/lead/board/status`);
    const card = page.locator('section[data-value="new"] li.kcard').first();
    await card.waitFor();
    const title = (await card.locator('.card-title').textContent())!;
    // Dropped on the column's heading: its middle is in view, so the page does not scroll mid-drag.
    await card.dragTo(page.locator('section[data-value="contacted"] h2'));
    // The board's announcement (the header's search box has a live region of its own).
    await expect.poll(() => page.locator('main').getByRole('status').textContent()).toContain(`Moved “${title}” to Contacted.`);
    await page.locator('section[data-value="contacted"] li.kcard', { hasText: title }).waitFor();
    await shot(page, 'ui-lead-board');
    // A move the server refuses (sales' rule: leads are converted by their route) goes back, with the server's reason.
    const other = page.locator('section[data-value="qualified"] li.kcard').first();
    const otherTitle = (await other.locator('.card-title').textContent())!;
    await page.getByLabel(`Move “${otherTitle}” to`).selectOption({ label: 'Converted' });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Convert a lead with POST /api/v1/plugins/sales/leads/:id/convert');
    await page.locator('section[data-value="qualified"] li.kcard', { hasText: otherTitle }).waitFor();
    await page.locator('section[data-value="contacted"] li.kcard', { hasText: title }).getByRole('link').click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('li.event').first().textContent()).toMatch(/Marta Ruiz changed it.*Status\s*New → Contacted/);
    await shot(page, 'ui-lead-record');
    await context.close().catch(() => undefined);
  });

  it('boards opportunities by stage (records of a pipeline); a drag to another stage shows in the timeline with the workflow it started', async () => {
    const { context, page } = await signedIn('marta.ruiz@example.com', PASSWORD, { width: 1680, height: 900 });
    await page.goto(`${base}/r/opportunity/board/stage`);
    // The default pipeline's stages, in their order.
    await expect.poll(async () => (await page.locator('section.column').evaluateAll((s) => s.map((e) => e.getAttribute('aria-label')))).slice(0, 6)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']);
    expect(await page.getByLabel('Pipeline', { exact: true }).locator('option:checked').textContent()).toBe('New business');
    const card = page.locator('section.column:not([aria-label^="Closed"]) li.kcard').first();
    await card.waitFor();
    const title = (await card.locator('.card-title').textContent())!;
    const from = (await card.locator('xpath=ancestor::section[1]').getAttribute('aria-label'))!;
    await card.dragTo(page.locator('section[aria-label="Closed won"] h2'));
    await expect.poll(() => page.locator('main').getByRole('status').textContent()).toContain(`Moved “${title}” to Closed won.`);
    await page.locator('section[aria-label="Closed won"] li.kcard', { hasText: title }).waitFor();
    await shot(page, 'ui-opportunity-board');
    // sales' "stamp when won or lost" workflow runs on the queue (this server has no background worker).
    await new Worker(app.jobs, { backoff: { baseMs: 0, maxMs: 0 }, id: 'ui-test' }).drain();
    await page.locator('section[aria-label="Closed won"] li.kcard', { hasText: title }).getByRole('link').click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.locator('li.event.update').allTextContents()).toContainEqual(expect.stringMatching(new RegExp(`Marta Ruiz changed it.*Stage\\s*${from} → Closed won`)));
    await expect.poll(() => timeline.locator('li.event.run').first().textContent()).toContain('Workflow Stamp when an opportunity is won or lost: succeeded');
    await shot(page, 'ui-opportunity-timeline');
    await context.close().catch(() => undefined);
  });

  it('never shows a hidden field to a restricted role: not in the list, the filter builder, the record page or the form', async () => {
    const { context, page } = await signedIn('rita.rios@example.com');
    await page.goto(`${base}/r/account`);
    await page.locator('table.records tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    const picker = await page.locator('.column-picker').textContent();
    expect(picker).toContain('Industry');
    expect(picker).not.toMatch(/Annual revenue|Description/);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Add condition' }).click();
    const filterFields = await page.getByLabel('Field 1', { exact: true }).locator('option').allTextContents();
    expect(filterFields).toContain('Industry');
    expect(filterFields.join('|')).not.toMatch(/Annual revenue|Description/);
    expect(await page.locator('table.records thead').textContent()).not.toMatch(/Annual revenue|Description/);
    await shot(page, 'ui-account-restricted');
    await page.locator('table.records tbody tr').first().getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).first().waitFor();
    expect((await page.locator('.fields').allTextContents()).join('|')).not.toMatch(/Annual revenue|Description/);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Industry').waitFor();
    expect(await page.locator('.record-form').textContent()).not.toMatch(/Annual revenue|Description/);
    await context.close().catch(() => undefined);
  });

  it('works at phone width and in Spanish', async () => {
    const { context, page } = await signedIn('ana.quispe@example.com', PASSWORD, { width: 390, height: 844 });
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Menú' }).click();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Oportunidades' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Filtro' }).count()).toBe(1);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, 'ui-opportunities-phone-es');
    await context.close().catch(() => undefined);
  });

  it('logged no console errors but the failed requests the sign-in, form and board tests provoked', () => {
    expect(pageErrors).toEqual([]);
    const unexpected = consoleErrors.filter((e) => !(e.text.includes('status of 401') && e.url.endsWith('/api/v1/auth/login')) && !(e.text.includes('status of 400') && e.url.endsWith('/api/v1/records/opportunity')) && !(e.text.includes('status of 400') && /\/api\/v1\/records\/lead\/\d+$/.test(e.url)));
    expect(unexpected).toEqual([]);
  });
});
