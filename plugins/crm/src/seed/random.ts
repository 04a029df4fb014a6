/** mulberry32: a tiny deterministic PRNG, so the demo data is the same on every run and platform. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** The instant `days` (may be fractional or negative) after `from`, at a working hour. */
export function daysFrom(from: Date, days: number, hour = 10): string {
  const d = new Date(from.getTime() + Math.round(days) * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}
