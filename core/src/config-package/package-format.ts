import type { Customisation, CustomisationChange } from '../metadata/customisation.js';

/** The format version a package declares in its manifest. */
export const PACKAGE_FORMAT = 1;

/** The manifest's path inside a package. */
export const MANIFEST = 'kith-package.json';

/** A package as text: path inside the package (`entities/deal.json`) → file contents. */
export type PackageFiles = Readonly<Record<string, string>>;

/** `kith-package.json`: what the package was exported from, and the order its customisations apply in. */
export interface PackageManifest {
  readonly format: typeof PACKAGE_FORMAT;
  /** The plugins (id → version) of the instance it was exported from. */
  readonly plugins: Readonly<Record<string, string>>;
  /** Set when exported with `--plugin`: the package holds only that plugin's part. */
  readonly plugin?: string;
  /** One file path per customisation, in the order they apply: "the next one from this file". */
  readonly order: readonly string[];
}

/** One customisation of a package, with where it sits (`entities/deal.json`, item 2). */
export interface PackageItem {
  readonly file: string;
  readonly index: number;
  readonly change: CustomisationChange;
}

/** A checked package: its manifest and its customisations in apply order. */
export interface ConfigPackage {
  readonly manifest: PackageManifest;
  readonly items: readonly PackageItem[];
}

/** A stored customisation without what is local to one instance (seq, createdAt, createdBy). */
export function withoutLocal(stored: Customisation): CustomisationChange {
  const { seq: _seq, createdAt: _createdAt, createdBy: _createdBy, ...change } = stored;
  return change as CustomisationChange;
}

// Keys that read best first (what it is, then what it targets); every other key follows in
// code-unit order.
const LEADING_KEYS = ['kind', 'id', 'name', 'value', 'type', 'entityId', 'fieldId', 'roleId', 'ruleId', 'workflowId'];

function keyOrder(a: string, b: string): number {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia !== ib) return (ia < 0 ? LEADING_KEYS.length : ia) - (ib < 0 ? LEADING_KEYS.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The value with object keys in a fixed order (arrays keep theirs: it means something). */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => keyOrder(a, b)).map(([k, v]) => [k, ordered(v)]));
}

/** Deterministic file text: fixed key order, 2-space indentation, trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(ordered(value), null, 2)}\n`;
}

/** A customisation's identity: kind, targets and payload, compared as canonical JSON. */
export function changeKey(change: CustomisationChange): string {
  return JSON.stringify(ordered(change));
}
