import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { ValueError } from '@sinclair/typebox/errors';
import type { CustomisationChange, CustomisationKind } from '../metadata/customisation.js';
import { PackageErrors, type PackageProblem } from './package-errors.js';
import { MANIFEST, PACKAGE_FILE, PACKAGE_FOLDERS, type ConfigPackage, type PackageFiles, type PackageFolder, type PackageItem, type PackageManifest } from './package-format.js';
import { ITEM_SCHEMAS, ManifestSchema } from './package-schemas.js';

const checks = new Map<TSchema, TypeCheck<TSchema>>();
function checkOf(schema: TSchema): TypeCheck<TSchema> {
  let check = checks.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    checks.set(schema, check);
  }
  return check;
}

/** `/field/options/0/label` under `[2]` → `[2].field.options[0].label`. */
function jsonPath(prefix: string, pointer: string): string {
  const tail = pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('');
  const path = `${prefix}${tail}`;
  return path.startsWith('.') ? path.slice(1) : path;
}

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** A person's reading of one TypeBox error. */
function explain(e: ValueError): string {
  const schema = e.schema as { properties?: Record<string, unknown>; anyOf?: { const?: unknown; type?: string }[] };
  if (e.message === 'Unexpected property') return `unknown key; the keys allowed here are ${quoted(Object.keys(schema.properties ?? {}))}`;
  if (e.message === 'Expected required property') return 'missing: this key is required';
  if (schema.anyOf) {
    const options = schema.anyOf.map((s) => (s.const !== undefined ? JSON.stringify(s.const) : s.type === 'object' ? 'an object' : String(s.type)));
    return `expected one of ${options.join(', ')}; got ${JSON.stringify(e.value)}`;
  }
  return `${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}; got ${JSON.stringify(e.value) ?? 'nothing'}`;
}

/** Every problem of `value` against `schema`, one per path, named by file and JSON path. */
function problemsOf(schema: TSchema, value: unknown, file: string, prefix: string): PackageProblem[] {
  const seen = new Set<string>();
  const found: PackageProblem[] = [];
  for (const e of checkOf(schema).Errors(value)) {
    const path = jsonPath(prefix, e.path);
    if (seen.has(path)) continue;
    seen.add(path);
    found.push(PackageErrors.problem(file, path, explain(e)));
  }
  return found;
}

/** Parses a file's JSON; `__proto__` keys are refused rather than trusted. */
function parseJson(file: string, text: string, problems: PackageProblem[]): unknown {
  let poisoned = false;
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') poisoned = true;
      return v;
    });
    if (poisoned) problems.push(PackageErrors.problem(file, '', 'a "__proto__" key is not allowed'));
    return poisoned ? undefined : value;
  } catch (error) {
    problems.push(PackageErrors.problem(file, '', `not valid JSON: ${(error as Error).message}`));
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The customisations of one content file, checked against the kinds its folder holds. */
function readItems(file: string, value: unknown, problems: PackageProblem[]): CustomisationChange[] {
  if (!Array.isArray(value)) {
    problems.push(PackageErrors.problem(file, '', 'expected a JSON array of customisations'));
    return [];
  }
  const folder = file.split('/')[0] as PackageFolder;
  const allowed: readonly CustomisationKind[] = PACKAGE_FOLDERS[folder];
  const items: CustomisationChange[] = [];
  for (const [i, raw] of (value as unknown[]).entries()) {
    if (!isObject(raw)) {
      problems.push(PackageErrors.problem(file, `[${i}]`, 'expected an object with a "kind"'));
      continue;
    }
    const kind = raw.kind;
    if (typeof kind !== 'string' || !allowed.includes(kind as CustomisationKind)) {
      const home = Object.entries(PACKAGE_FOLDERS).find(([, kinds]) => (kinds as readonly string[]).includes(String(kind)))?.[0];
      const why = home ? `"${String(kind)}" belongs in ${home}/, not ${folder}/` : `expected one of ${quoted(allowed)}; got ${JSON.stringify(kind) ?? 'nothing'}`;
      problems.push(PackageErrors.problem(file, `[${i}].kind`, why));
      continue;
    }
    const found = problemsOf(ITEM_SCHEMAS[kind as CustomisationKind], raw, file, `[${i}]`);
    if (found.length > 0) problems.push(...found);
    else items.push(raw as unknown as CustomisationChange);
  }
  return items;
}

/** Checks the manifest's `order` against the files: each file listed once per customisation it holds. */
function checkOrder(order: readonly string[], contents: ReadonlyMap<string, readonly CustomisationChange[]>, problems: PackageProblem[]): void {
  const counts = new Map<string, number>();
  for (const file of order) counts.set(file, (counts.get(file) ?? 0) + 1);
  for (const [file, n] of counts) {
    if (!contents.has(file)) problems.push(PackageErrors.problem(MANIFEST, 'order', `names "${file}", which is not in the package`));
    else if (contents.get(file)!.length !== n) {
      problems.push(PackageErrors.problem(MANIFEST, 'order', `names "${file}" ${n} time(s), but the file holds ${contents.get(file)!.length} customisation(s); list a file once for each of its customisations, where it applies`));
    }
  }
  for (const [file, items] of contents) {
    if (!counts.has(file) && items.length > 0) problems.push(PackageErrors.problem(MANIFEST, 'order', `does not name "${file}"; list it once for each of its ${items.length} customisation(s), where they apply`));
  }
}

/**
 * Reads a package from its files: every file parsed and checked against its schema, unknown
 * files and keys refused, the manifest's order checked against the files. Throws
 * `KITH_PACKAGE_INVALID` listing every problem (file and JSON path); returns the
 * customisations in the order they apply.
 */
export function readPackage(files: PackageFiles): ConfigPackage {
  const problems: PackageProblem[] = [];
  const contents = new Map<string, CustomisationChange[]>();
  let manifest: PackageManifest | undefined;
  for (const file of Object.keys(files).sort()) {
    const text = files[file]!;
    if (file === MANIFEST) {
      const value = parseJson(file, text, problems);
      if (value === undefined) continue;
      const found = problemsOf(ManifestSchema, value, file, '');
      if (found.length > 0) problems.push(...found);
      else manifest = value as PackageManifest;
      continue;
    }
    if (!PACKAGE_FILE.test(file)) {
      problems.push(PackageErrors.problem(file, '', `not a package file; a package holds ${MANIFEST}, entities/<entity>.json, roles/<role>.json and rules/<entity>.json`));
      continue;
    }
    const value = parseJson(file, text, problems);
    if (value !== undefined) contents.set(file, readItems(file, value, problems));
  }
  if (!(MANIFEST in files)) problems.push(PackageErrors.problem(MANIFEST, '', `missing: every package has a ${MANIFEST}`));
  if (manifest && problems.length === 0) checkOrder(manifest.order, contents, problems);
  if (problems.length > 0 || !manifest) throw PackageErrors.invalid(problems);
  const next = new Map<string, number>();
  const items: PackageItem[] = manifest.order.map((file) => {
    const index = next.get(file) ?? 0;
    next.set(file, index + 1);
    return { file, index, change: contents.get(file)![index]! };
  });
  return { manifest, items };
}
