import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type KithApp } from '@kith/core';
import { crm } from '@kith/plugin-crm';
import { demoUsers, sales } from '@kith/plugin-sales';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The Layout screen end to end, in Chromium, on crm and sales (as `pnpm start` loads them): a
 * consultant adds a section to opportunities' forms, moves a field into it and saves; a sales
 * rep's new-opportunity form then shows the section with the field. KITH_SCREENSHOTS=1 saves
 * the screen to docs/img/ui-setup-layout.png.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.KITH_SCREENSHOTS === '1';
const ADMIN = { email: 'admin@example.com', password: 'kith-demo-admin', name: 'Demo Admin' };
const REP = { email: 'ana.quispe@example.com', password: 'kith-demo-user' };

describe('form layouts in Chromium, against a real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-ui-layout-'));
  let app: KithApp;
  let url: string;
  let browser: Browser;
  const pageErrors: string[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    execFileSync('pnpm', ['--filter', '@kith/admin-ui', 'exec', 'vite', 'build', '--outDir', join(dir, 'ui'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
    app = await createApp({
      databaseUrl: `sqlite:${join(dir, 'layout.db')}`,
      plugins: [crm, sales],
      seed: true,
      firstAdmin: ADMIN,
      initialUsers: [...demoUsers],
      adminUi: join(dir, 'ui'),
      metadataPollMs: 0,
      worker: false,
      logger: false,
    });
    url = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async (ctx) => {
    const last = pages.at(-1);
    if (ctx.task.result?.state === 'fail' && last && !last.isClosed()) await last.screenshot({ path: join(tmpdir(), 'kith-ui-layout-failed.png'), fullPage: true }).catch(() => undefined);
    for (const p of pages.splice(0)) await p.context().close().catch(() => undefined);
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'America/Lima' });
    const page = await context.newPage();
    pages.push(page);
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name').waitFor();
    return page;
  }

  it('a consultant adds a section, moves a field into it and saves, with a preview', async () => {
    const page = await signedIn(ADMIN.email, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Form layouts' }).click();
    await page.getByLabel('Entity').selectOption('opportunity');
    await page.getByRole('button', { name: 'Add section' }).click();
    const section = page.locator('fieldset.layout-section').nth(1);
    await section.getByLabel('Heading (English)').fill('Competition');
    await section.getByLabel('Heading (Spanish)').fill('Competencia');
    await section.getByLabel('Columns').selectOption({ label: 'Two columns' });
    await page.getByLabel('Move Lost reason to').selectOption({ label: 'Competition' });
    await page.getByLabel('Move Source to').selectOption({ label: 'Competition' });
    await section.getByRole('button', { name: 'Move Source up' }).click();
    const placed = await section.locator('.layout-field-label').allTextContents();
    expect(placed.map((t) => t.split(' ')[0])).toEqual(['Source', 'Lost']);
    const preview = page.getByRole('complementary', { name: 'Preview' });
    await expect.poll(() => preview.getByRole('heading', { name: 'Competition' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save layout' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Back to the default' }).isEnabled()).toBe(true);
    if (SCREENSHOTS) {
      // A tall window rather than a full-page shot: the header stays where it belongs.
      await page.setViewportSize({ width: 1360, height: 1640 });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(root, 'docs/img/ui-setup-layout.png') });
    }
  });

  it("the end user's form shows the section with the field", async () => {
    const page = await signedIn(REP.email, REP.password);
    await page.goto(`${url}/r/opportunity/new`);
    const competition = page.getByRole('region', { name: 'Competition' });
    await competition.waitFor();
    await expect.poll(() => competition.getByLabel('Lost reason').count()).toBe(1);
    expect(await competition.getByLabel('Source').count()).toBe(1);
    expect(await competition.locator('.form-section-grid.two').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('the record page shows the same sections', async () => {
    const page = await signedIn(REP.email, REP.password);
    await page.goto(`${url}/r/opportunity`);
    await page.locator('table.records tbody tr a').first().click();
    const section = page.locator('.field-section', { has: page.getByRole('heading', { name: 'Competition' }) });
    await section.waitFor();
    expect(await section.locator('dt').allTextContents()).toEqual(['Source', 'Lost reason']);
    expect(await section.locator('dl.two-columns').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
