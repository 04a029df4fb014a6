/** A semantic version: major.minor.patch with an optional pre-release (`2.0.0-beta.1`). */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** True when `value` is a semantic version. */
export function isVersion(value: unknown): value is string {
  return typeof value === 'string' && SEMVER_PATTERN.test(value);
}

/**
 * Orders two semantic versions by semver precedence (build metadata is not allowed): negative
 * when `a` comes first. The SDK has no dependencies beyond TypeBox, so this is the small part of
 * semver that ordering migrations needs; the core checks `requires` ranges with `semver` itself.
 */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER_PATTERN.exec(a);
  const pb = SEMVER_PATTERN.exec(b);
  if (!pa || !pb) throw new TypeError(`not a semantic version: "${pa ? b : a}"`);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(pa[i]) - Number(pb[i]);
    if (diff !== 0) return diff;
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const [idsA, idsB] = [preA.split('.'), preB.split('.')];
  for (let i = 0; i < Math.max(idsA.length, idsB.length); i++) {
    const [x, y] = [idsA[i], idsB[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
