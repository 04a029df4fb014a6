/**
 * The list budget, measured as it is stated: "a 50-row list interactive within 100 ms after its
 * data arrives". From the moment the response body is parsed to the frame after React committed
 * the rows (its event handlers are attached at commit), read by the e2e test and reported, never
 * asserted: a figure for people, not a flaky test.
 */
export interface ListTiming {
  readonly entity: string;
  readonly rows: number;
  /** Body parsed → the related records' and people's names read (requests of their own, usually cached). */
  readonly namesMs: number;
  /** Body parsed → the first frame after the rows were committed. */
  readonly interactiveMs: number;
  /** Names read → the first frame after the commit: React's own share. */
  readonly renderMs: number;
}

declare global {
  interface Window {
    /** The last list's timing (see ListTiming). */
    __kithListTiming?: ListTiming;
  }
}

/** Called right after a commit of `rows` rows: marks the next frame and exposes the figures. */
export function reportListTiming(entity: string, rows: number, parsedAt: number, namedAt: number): () => void {
  const frame = requestAnimationFrame(() => {
    const now = performance.now();
    performance.mark?.('kith:list:interactive');
    performance.measure?.('kith:list:data-to-interactive', { start: parsedAt, end: now });
    window.__kithListTiming = { entity, rows, namesMs: round(namedAt - parsedAt), interactiveMs: round(now - parsedAt), renderMs: round(now - namedAt) };
  });
  return () => cancelAnimationFrame(frame);
}

const round = (ms: number) => Math.round(ms * 10) / 10;
