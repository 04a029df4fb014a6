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
    const health = await (await fetch(`${base}/api/v1/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { dialect: 'sqlite', status: 'ok' } });
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@example.com', password: 'kith-demo-admin' }) });
    const { token } = (await login.json()) as { token: string };
    const deals = (await (await fetch(`${base}/api/v1/records/deal?count=true&limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number };
    expect(deals.total).toBe(2000);
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${base}/docs/`)).status).toBe(200);
  });
});
