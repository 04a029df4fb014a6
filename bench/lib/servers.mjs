import { fork } from 'node:child_process';
import { once } from 'node:events';
import { ADMIN } from './admin.mjs';

const here = (file) => new URL(file, import.meta.url).pathname;
const START_TIMEOUT_MS = 60_000;

/**
 * Forks `script` with `args` and waits for its "listening" message. The returned handle knows
 * the port, how long the fork took to listen (`startMs`, measured in this process), the
 * child's own startup phases, and how to ask its RSS, stop it cleanly or kill it.
 */
async function start(script, args) {
  const started = performance.now();
  const child = fork(here(script), args, { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not listen within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    child.on('message', (m) => {
      if (m?.type !== 'listening') return;
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before listening\n${stderr}`));
    });
  });
  const startMs = performance.now() - started;
  const exited = once(child, 'exit');
  return {
    pid: child.pid,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    startMs,
    phases: ready.phases,
    /** The child's resident set size, in bytes. */
    rss: () =>
      new Promise((resolve) => {
        const onMessage = (m) => {
          if (m?.type !== 'rss') return;
          child.off('message', onMessage);
          resolve(m.rss);
        };
        child.on('message', onMessage);
        child.send({ type: 'rss' });
      }),
    /** Asks the child to close its app (and database) and exit. */
    stop: async () => {
      if (child.exitCode === null) child.send({ type: 'stop' });
      await exited;
    },
    /** SIGKILL: no close, no flush, no checkpoint — what a crash leaves on disk. */
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Forks a Kith server on `databaseUrl`. */
export function startKith(databaseUrl) {
  return start('./kith-server.mjs', [databaseUrl]);
}

/** Forks the raw fastify + libsql server on `file`. */
export function startRawSqlite(file) {
  return start('./raw-server.mjs', ['sqlite', file]);
}

/** Forks the raw fastify + pg server on `url`, tables in `schema`. */
export function startRawPostgres(url, schema) {
  return start('./raw-server.mjs', ['postgres', url, schema]);
}

/** Signs in as the bench admin; resolves to the Authorization header value. */
export async function signIn(baseUrl) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const { token } = await response.json();
  return `Bearer ${token}`;
}
