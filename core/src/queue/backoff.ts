/** How long a failed job waits before its next attempt. */
export interface BackoffOptions {
  /** The wait after the first failure, in ms (default 1 s); each further failure doubles it. */
  readonly baseMs?: number;
  /** The longest wait, in ms (default 1 h). */
  readonly maxMs?: number;
  /**
   * Spread each wait randomly over its second half (default true), so jobs that failed
   * together (a remote service down) do not all come back at the same moment. Tests turn it off.
   */
  readonly jitter?: boolean;
}

/** The wait before the next attempt after the `attempt`-th failed attempt (1-based): base · 2^(attempt−1), capped. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 1000;
  const max = options.maxMs ?? 3_600_000;
  const exponential = Math.min(max, base * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  if (options.jitter === false) return exponential;
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
