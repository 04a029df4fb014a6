import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `kith start` from the built CLI as `pnpm start` does, and waits for its banner. */
function startKith(env: Record<string, string>): Promise<{ child: ChildProcess; banner: string }> {
  const child = spawn(process.execPath, [join(root, 'core/dist/cli.js'), 'start'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kith start did not come up:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/running at/.test(out) && /\n\n/.test(out.slice(out.indexOf('running at')))) {
        clearTimeout(timer);
        resolve({ child, banner: out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`kith start exited with ${code}:\n${out}`)));
  });
}

describe('`kith start` (what `pnpm start` runs) from a fresh data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-cli-'));
  let kith: { child: ChildProcess; banner: string };
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
    kith = await startKith({ PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'kith.db')}` });
  }, 120_000);
  afterAll(() => {
    kith?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints where it runs and how to sign in, serves the demo, the API and the docs', async () => {
    expect(kith.banner).toContain(`running at http://localhost:${port}`);
    expect(kith.banner).toContain('admin@example.com / kith-demo-admin');
    const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { plugins: { name: string; state: string }[] };
    expect(health).toMatchObject({ status: 'ok', database: { dialect: 'sqlite', status: 'ok' } });
    expect(health.plugins.map((p) => `${p.name} ${p.state}`)).toEqual(['crm enabled', 'sales enabled']);
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'kith-demo-admin' }) });
    const { token } = (await login.json()) as { token: string };
    const count = async (entity: string) => ((await (await fetch(`${base}/api/v1/records/${entity}?count=true&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number }).total;
    expect({ account: await count('account'), lead: await count('lead'), opportunity: await count('opportunity') }).toEqual({ account: 18, lead: 10, opportunity: 53 });
    const marta = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'marta.ruiz@example.com', password: 'kith-demo-user' }) });
    expect(marta.status).toBe(200);
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${base}/docs/`)).status).toBe(200);
  });

  it('with KITH_DEMO=false loads crm and sales without their demo: the pipelines, no accounts, no demo people', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kith-cli-empty-'));
    const emptyPort = port + 100;
    const started = await startKith({ PORT: String(emptyPort), DATABASE_URL: `sqlite:${join(empty, 'kith.db')}`, KITH_DEMO: 'false', KITH_ADMIN_EMAIL: 'owner@example.com', KITH_ADMIN_PASSWORD: 'an owner password' });
    try {
      expect(started.banner).not.toContain('kith-demo-admin');
      const emptyBase = `http://127.0.0.1:${emptyPort}`;
      const health = (await (await fetch(`${emptyBase}/api/v1/health`)).json()) as { plugins: { name: string }[] };
      expect(health.plugins.map((p) => p.name)).toEqual(['crm', 'sales']);
      const login = await fetch(`${emptyBase}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@example.com', password: 'an owner password' }) });
      const { token } = (await login.json()) as { token: string };
      const count = async (entity: string) => ((await (await fetch(`${emptyBase}/api/v1/records/${entity}?count=true&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number }).total;
      expect({ pipeline: await count('pipeline'), account: await count('account'), opportunity: await count('opportunity') }).toEqual({ pipeline: 2, account: 0, opportunity: 0 });
      const users = (await (await fetch(`${emptyBase}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { email: string }[] };
      expect(users.data.map((u) => u.email)).toEqual(['owner@example.com']);
    } finally {
      started.child.kill('SIGTERM');
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
