import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type KithApp } from '@kith/core';
import { crm } from '@kith/plugin-crm';
import { demoUsers, sales } from '@kith/plugin-sales';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serviceDesk } from '../../examples/service-desk/src/index.js';

/**
 * The consultant screens end to end, in Chromium, on crm and sales (as `pnpm start` loads them):
 * a consultant adds a field to opportunities and a validation rule (condition builder, dry-run) on "staging"; an end user meets the rule in a form; the
 * consultant edits a role and asks why, writes a workflow and tries it, reads the plugins,
 * exports the customisations and plans and applies them on a second instance ("production"),
 * and reverts a change from the history. Staging also runs the service-desk example plugin, whose
 * menu entries and record panel the UI renders. KITH_SCREENSHOTS=1 saves the screens to docs/img.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KITH_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.KITH_SCREENSHOTS === '1';
const PASSWORD = 'kith-demo-user';
const ADMIN = { email: 'admin@example.com', password: 'kith-demo-admin', name: 'Demo Admin' };

describe('the consultant screens in Chromium, against two real servers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-ui-setup-'));
  let staging: KithApp;
  let production: KithApp;
  let stagingUrl: string;
  let productionUrl: string;
  let browser: Browser;
  const consoleErrors: { text: string; url: string }[] = [];
  const pageErrors: string[] = [];
  let opportunityId = 0;
  let packagePath = '';

  async function boot(name: string, withSeed: boolean): Promise<[KithApp, string]> {
    const app = await createApp({
      databaseUrl: `sqlite:${join(dir, `${name}.db`)}`,
      plugins: [crm, sales, serviceDesk],
      seed: withSeed,
      firstAdmin: ADMIN,
      initialUsers: [...demoUsers],
      adminUi: join(dir, 'ui'),
      metadataPollMs: 0,
      worker: false,
      logger: false,
    });
    const url = (await app.server.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    return [app, url];
  }

  beforeAll(async () => {
    execFileSync('pnpm', ['--filter', '@kith/admin-ui', 'exec', 'vite', 'build', '--outDir', join(dir, 'ui'), '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
    [staging, stagingUrl] = await boot('staging', true);
    [production, productionUrl] = await boot('production', false);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 180_000);

  afterAll(async () => {
    for (const c of sessions.values()) await c.close().catch(() => undefined);
    await browser?.close();
    await staging?.close();
    await production?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Sign-in is limited to 10 attempts a minute per address: one token and one browser session per person and server.
  const tokens = new Map<string, string>();
  async function call(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    let token = tokens.get(base);
    if (!token) {
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
      token = ((await login.json()) as { token: string }).token;
      tokens.set(base, token);
    }
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  let lastPage: Page | undefined;
  const pages: Page[] = [];
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) await lastPage.screenshot({ path: join(tmpdir(), `kith-ui-setup-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
    for (const c of pages.splice(0)) await c.close().catch(() => undefined);
  });

  const sessions = new Map<string, BrowserContext>();
  /** A new tab of `email`'s browser session on `base` (signed in on first use). */
  async function signedIn(base: string, email: string, password: string, viewport = { width: 1360, height: 900 }): Promise<Page> {
    const key = `${base} ${email}`;
    let context = sessions.get(key);
    const fresh = !context;
    if (!context) {
      context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/Lima', acceptDownloads: true });
      sessions.set(key, context);
    }
    const page = await context.newPage();
    pages.push(page);
    page.setDefaultTimeout(10_000);
    lastPage = page;
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push({ text: m.text(), url: m.location().url }));
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(base);
    if (!fresh) {
      await page.locator('.user-name').waitFor();
      return page;
    }
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name').waitFor();
    return page;
  }
  const consultant = () => signedIn(stagingUrl, ADMIN.email, ADMIN.password);

  const shot = async (page: Page, name: string, fullPage = false) => {
    if (!SCREENSHOTS) return;
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(root, 'docs/img', `${name}.png`), fullPage });
  };

  it('adds a field to opportunities in the entity and field manager', async () => {
    const page = await consultant();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('heading').allTextContents()).toContain('Setup');
    await nav.getByRole('link', { name: 'Entities and fields' }).click();
    await page.locator('.entity-list').getByRole('link', { name: /^Opportunity/ }).click();
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Name (API)').fill('competitor');
    await page.getByLabel('Type').selectOption({ label: 'Text' });
    await page.getByLabel('Label (English)').fill('Competitor');
    await page.getByLabel('Label (Spanish)').fill('Competidor');
    await page.getByLabel('Maximum length').fill('80');
    await page.locator('.editor').getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const row = page.locator('table.setup-table tr', { hasText: 'competitor' }).first();
    expect(await row.textContent()).toMatch(/Competitor.*competitor.*Text.*yours/);
    // Relabel an option of a plugin's select field: a customisation, the plugin's definition untouched.
    await page.getByRole('button', { name: 'Edit field “Lost reason”' }).click();
    await page.getByLabel('Spanish label of option 1').fill('Precio');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await shot(page, 'ui-setup-entities');
  });

  it('adds a validation rule with the condition builder, after trying it in the dry-run', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/rules/opportunity`);
    await page.getByRole('button', { name: 'New rule' }).click();
    // By role: the fields the rule concerns are checkboxes, one of them labelled Name too.
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('lostToCompetitorNamed');
    await page.getByLabel('Message (English)').fill('Say which competitor won it.');
    await page.getByLabel('Message (Spanish)').fill('Indique qué competidor la ganó.');
    const builder = page.locator('.queryBuilder');
    await builder.getByRole('button', { name: '+ Condition' }).click();
    await builder.locator('.rule').nth(0).getByTitle('Field', { exact: true }).selectOption({ label: 'Lost reason' });
    await builder.locator('.rule').nth(0).getByTitle('Condition', { exact: true }).selectOption({ label: 'is' });
    await builder.locator('.rule').nth(0).getByTitle('Value', { exact: true }).selectOption({ label: 'Competitor' });
    await builder.getByRole('button', { name: '+ Condition' }).click();
    await builder.locator('.rule').nth(1).getByTitle('Field', { exact: true }).selectOption({ label: 'Competitor' });
    await builder.locator('.rule').nth(1).getByTitle('Condition', { exact: true }).selectOption({ label: 'is empty' });
    expect(JSON.parse((await page.locator('code.logic').textContent())!)).toEqual({ and: [{ '==': [{ var: 'lostReason' }, 'competitor'] }, { '==': [{ var: 'competitor' }, null] }] });
    await page.locator('fieldset.choices').getByLabel('Competitor').check();
    // The dry-run: an opportunity lost to an unnamed competitor is refused, a named one passes.
    await page.getByLabel('Sample record (JSON)').fill('{"name": "Pumps", "lostReason": "competitor"}');
    await page.getByRole('button', { name: 'Try it' }).click();
    await expect.poll(() => page.locator('.dry-run-result').textContent()).toContain('Refused: this condition');
    await shot(page, 'ui-setup-rule', true);
    await page.getByLabel('Sample record (JSON)').fill('{"name": "Pumps", "lostReason": "competitor", "competitor": "Bombas del Pacífico"}');
    await page.getByRole('button', { name: 'Try it' }).click();
    await expect.poll(() => page.locator('.dry-run-result').textContent()).toContain('Passes: this condition');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('table.setup-table tr', { hasText: 'lostToCompetitorNamed' }).waitFor();
    expect(await page.locator('table.setup-table tr', { hasText: 'lostToCompetitorNamed' }).textContent()).toContain('Say which competitor won it.');
  });

  it('an end user meets the rule in the opportunity form, fixes the input and saves', async () => {
    const page = await signedIn(stagingUrl, 'marta.ruiz@example.com', PASSWORD);
    await page.goto(`${stagingUrl}/r/opportunity/new`);
    // A required field's label ends in a marker, so labels are matched by their start.
    await page.getByLabel(/^Name/).fill('Valves for Arequipa (setup test)');
    const pick = async (label: string, text: string) => {
      await page.getByLabel(new RegExp(`^${label}`)).fill(text);
      await page.getByRole('listbox', { name: label }).getByRole('option', { name: new RegExp(text) }).first().click();
    };
    await pick('Account', 'Minera');
    await pick('Pipeline', 'New business');
    await pick('Stage', 'Closed lost');
    await page.getByLabel('Lost reason').selectOption({ label: 'Competitor' });
    await page.getByRole('button', { name: 'Save' }).click();
    const competitor = page.locator('#root_competitor').locator('..');
    await expect.poll(() => competitor.textContent()).toContain('Say which competitor won it.');
    await page.getByLabel('Competitor', { exact: true }).fill('Bombas del Pacífico');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Valves for Arequipa (setup test)' }).waitFor();
    expect(await page.locator('.fields').first().textContent()).toContain('Bombas del Pacífico');
    opportunityId = Number(/\/r\/opportunity\/(\d+)/.exec(page.url())![1]);
  });

  it('edits a role in the permission matrix and explains what a user may do on a record', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/roles/sales-rep`);
    const scope = page.getByLabel('Delete Contact', { exact: true });
    await scope.waitFor();
    await scope.selectOption('own');
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await page.getByRole('status').filter({ hasText: 'Permissions saved' }).waitFor();
    // Why may Marta change the opportunity she just created?
    await page.getByLabel('User', { exact: true }).fill('Marta');
    await page.getByRole('listbox', { name: 'User' }).getByRole('option', { name: 'Marta Ruiz' }).click();
    await page.locator('.explain').getByLabel('Entity').selectOption({ label: 'Opportunity' });
    await page.locator('.explain').getByLabel('Record id').fill(String(opportunityId));
    await page.getByRole('button', { name: 'Explain' }).click();
    const answer = page.locator('.explain-answer');
    await expect.poll(() => answer.textContent()).toContain('marta.ruiz@example.com');
    expect(await answer.locator('tr', { hasText: 'Change' }).textContent()).toMatch(/allowed.*sales-manager/);
    await shot(page, 'ui-setup-roles', true);
  });

  it('writes a workflow with a condition and tries it without side effects', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/workflows`);
    await page.getByRole('link', { name: 'New workflow' }).click();
    await page.getByLabel('Id (in URLs)').fill('lost-to-competitor');
    await page.getByLabel('Name', { exact: true }).fill('Tell the manager about deals lost to a competitor');
    await page.getByLabel('Entity').selectOption({ label: 'Opportunity' });
    await page.getByLabel('Trigger').selectOption({ label: 'A record is created' });
    const builder = page.locator('.queryBuilder');
    await builder.getByRole('button', { name: '+ Condition' }).click();
    await builder.locator('.rule').nth(0).getByTitle('Field', { exact: true }).selectOption({ label: 'Lost reason' });
    await builder.locator('.rule').nth(0).getByTitle('Value', { exact: true }).selectOption({ label: 'Competitor' });
    await page.getByLabel('Actions (JSON)').fill('[{"type": "notify", "to": [1], "title": "Lost to a competitor: {{record.name}}"}]');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/setup\/workflows\/lost-to-competitor$/);
    await page.getByLabel('Sample record (JSON)').fill('{"name": "Drills", "lostReason": "competitor"}');
    await page.getByLabel('Simulated change').selectOption('create');
    await page.getByRole('button', { name: 'Try it' }).click();
    const result = page.locator('.dry-run-result');
    await expect.poll(() => result.textContent()).toContain('Trigger matches: Yes · Condition matches: Yes');
    expect(await result.textContent()).toContain('Lost to a competitor: Drills');
    await shot(page, 'ui-setup-workflow', true);
  });

  it('lists the plugins with versions and state', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/plugins`);
    const rows = page.locator('table.plugins tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('table.plugins tr', { hasText: /^crm\d/ }).textContent()).toMatch(/^crm1\.\d+\.\d+1\.\d+\.\d+running/);
    expect(await page.locator('table.plugins tr', { hasText: /^sales\d/ }).textContent()).toMatch(/^sales1\.\d+\.\d+1\.\d+\.\d+running/);
    expect(await page.locator('table.plugins tr', { hasText: 'service-desk' }).textContent()).toMatch(/service-desk0\.1\.00\.1\.0running/);
    await page.locator('table.plugins tr', { hasText: 'service-desk' }).getByRole('button', { name: 'Upgrade plan' }).click();
    await page.getByRole('heading', { name: 'What starting service-desk at its configured version does' }).waitFor();
    await shot(page, 'ui-setup-plugins');
  });

  it('exports the customisation package; its plan on another instance shows the new field, and apply brings it', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/packages`);
    await page.getByRole('button', { name: 'Export this instance’s customisations' }).click();
    await page.getByText('entities/opportunity.json', { exact: true }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the package' }).click();
    packagePath = join(dir, 'package.json');
    await (await download).saveAs(packagePath);

    const prod = await signedIn(productionUrl, ADMIN.email, ADMIN.password);
    await prod.goto(`${productionUrl}/setup/packages`);
    await prod.getByLabel('Open a package file').setInputFiles(packagePath);
    const plan = prod.locator('.plan');
    await expect.poll(() => plan.locator('.plan-changes').textContent()).toContain('+ add field opportunity.competitor (text)');
    expect(await plan.locator('.plan-changes').textContent()).toContain('+ add rule opportunity.lostToCompetitorNamed');
    expect(await plan.locator('.plan-changes').textContent()).toContain('+ add workflow lost-to-competitor');
    expect(await plan.locator('.diff').textContent()).toContain('"name": "competitor"');
    await shot(prod, 'ui-setup-package-plan');
    await prod.getByRole('button', { name: /^Apply \d+ changes$/ }).click();
    await prod.getByRole('status').filter({ hasText: /Applied \d+ changes/ }).waitFor();
    const opportunity = (await call(productionUrl, 'GET', '/api/v1/metadata/entities/opportunity')) as { fields: { name: string }[] };
    expect(opportunity.fields.map((f) => f.name)).toContain('competitor');
  });

  it('shows the metadata history and reverts a change after showing its plan', async () => {
    const page = await consultant();
    await page.goto(`${stagingUrl}/setup/history`);
    const roleRow = page.locator('table.history tbody tr', { hasText: 'updateRole' }).first();
    await roleRow.waitFor();
    // Who made the change is filled in once the people's names arrive (a request of its own).
    await expect.poll(() => roleRow.textContent()).toContain('Demo Admin');
    await roleRow.getByRole('button', { name: /Revert change/ }).click();
    const plan = page.locator('tr.revert-plan');
    await expect.poll(() => plan.textContent()).toMatch(/would:.*change role sales-rep/);
    await shot(page, 'ui-setup-history');
    await plan.getByRole('button', { name: /^Revert #\d+$/ }).click();
    await page.getByRole('status').filter({ hasText: 'Reverted' }).waitFor();
    const role = (await call(stagingUrl, 'GET', '/api/v1/metadata/roles/sales-rep')) as { grants: Record<string, { delete: string }> };
    expect(role.grants.contact?.delete).toBe('none');
  });

  it('renders a plugin’s menu entries and its panel on the record page', async () => {
    const complaint = await call(stagingUrl, 'POST', '/api/v1/records/complaint', { subject: 'Late delivery', customerEmail: 'eva@example.com', priority: 'high' });
    const page = await consultant();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('heading', { name: 'Service' }).waitFor();
    await nav.getByRole('link', { name: 'Backlog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Backlog' }).waitFor();
    await expect.poll(async () => (await page.locator('.fields').allTextContents()).join('|')).toMatch(/new1/);
    await page.goto(`${stagingUrl}/r/complaint/${String(complaint.id)}`);
    const panel = page.getByRole('region', { name: 'Answer time' });
    await expect.poll(() => panel.textContent()).toContain('targetMinutes3');
    await shot(page, 'ui-plugin-panel');
  });

  it('logged no console errors but the refused save the rule provoked', () => {
    expect(pageErrors).toEqual([]);
    const unexpected = consoleErrors.filter((e) => !(e.text.includes('status of 400') && e.url.endsWith('/api/v1/records/opportunity')));
    expect(unexpected).toEqual([]);
  });
});
