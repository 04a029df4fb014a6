import autocannon from 'autocannon';

/** Seconds of load per scenario, after `WARMUP_SECONDS` of discarded warm-up. */
export const SECONDS = Number(process.env.KITH_BENCH_SECONDS ?? 5);
export const WARMUP_SECONDS = 1;

/** Percentile `q` (0–1) of an ascending array. */
function percentile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Runs autocannon against `url` with one request template (`request`, autocannon's shape; a
 * `setupRequest` varies it per request). Latencies are collected here from every response at
 * 0.01 ms resolution (autocannon's own histogram rounds to whole milliseconds).
 * `onStarted(probe)` is called once measuring starts; `probe.window()` opens a time window
 * whose responses and errors are counted separately (the add-field experiment uses it).
 */
export async function measure({ url, request, connections = 10, seconds = SECONDS, warmup = WARMUP_SECONDS, onStarted }) {
  const base = { url, connections, requests: [request], timeout: 10 };
  if (warmup > 0) await autocannon({ ...base, duration: warmup });
  const latencies = [];
  const windows = [];
  const instance = autocannon({ ...base, duration: seconds });
  instance.on('response', (_client, status, _bytes, ms) => {
    const ok = status >= 200 && status < 300;
    if (ok) latencies.push(ms);
    for (const w of windows) {
      if (!w.open) continue;
      if (ok) w.ok++;
      else w.non2xx++;
      w.maxMs = Math.max(w.maxMs, ms);
    }
  });
  instance.on('reqError', () => {
    for (const w of windows) if (w.open) w.errors++;
  });
  const probe = {
    window: () => {
      const w = { open: true, ok: 0, non2xx: 0, errors: 0, maxMs: 0 };
      windows.push(w);
      const close = () => {
        w.open = false;
        return { responses: w.ok + w.non2xx, ok: w.ok, non2xx: w.non2xx, errors: w.errors, maxMs: w.maxMs };
      };
      return { close };
    },
  };
  const pending = onStarted ? onStarted(probe) : undefined;
  const result = await instance;
  const side = pending ? await pending : undefined;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: result.requests.total / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    side,
  };
}

/** A GET whose path is rebuilt per request by `pathOf()` (e.g. a random id). */
export function varyingGet(pathOf, headers = {}) {
  return { method: 'GET', path: pathOf(), headers, setupRequest: (req) => ({ ...req, path: pathOf() }) };
}

/** A fixed GET. */
export function fixedGet(path, headers = {}) {
  return { method: 'GET', path, headers };
}

/** A JSON POST of `body`; `onResponse(status, body)` sees each reply when given. */
export function jsonPost(path, body, headers = {}, onResponse) {
  return {
    method: 'POST',
    path,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(onResponse ? { onResponse: (status, text) => onResponse(status, text) } : {}),
  };
}

/** A random id from 1 to `max`. */
export function randomId(max) {
  return 1 + Math.floor(Math.random() * max);
}
