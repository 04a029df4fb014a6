import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { ValueError } from '@sinclair/typebox/errors';
import type { CustomisationChange } from '../metadata/customisation.js';
import { PackageErrors, type PackageProblem } from './package-errors.js';
import { MANIFEST, type ConfigPackage, type PackageFiles, type PackageItem, type PackageManifest } from './package-format.js';
import { isKind, ITEM_SCHEMAS, PACKAGE_FILE, PACKAGE_FOLDERS } from './package-kinds.js';
import { ManifestSchema } from './package-schemas.js';

/** Who a package file belongs to (`sales`, `custom`), so every problem names the plugin too. */
export type PackageOwners = (file: string) => string | undefined;

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

type Variant = TSchema & { properties?: { type?: TSchema } };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The problems inside a union of objects told apart by `type` (a trigger, an action): those of
 * the variant the value's `type` picks, or what `type` may be. Undefined for other unions.
 */
function variantProblems(e: ValueError, file: string, path: string, owner: string | undefined): PackageProblem[] | undefined {
  const variants = (e.schema as { anyOf?: Variant[] }).anyOf;
  const value = e.value;
  if (!variants?.every((v) => v.properties?.type !== undefined) || !isObject(value)) return undefined;
  const picked = variants.find((v) => checkOf(v.properties!.type!).Check(value.type));
  if (picked) return problemsOf(picked, value, file, path, owner);
  const types = variants.map((v) => (v.properties!.type as { const?: unknown }).const).filter((t) => t !== undefined);
  const plugins = variants.length > types.length ? ` or a plugin's action ("<plugin>.<name>")` : '';
  return [PackageErrors.problem(file, `${path}.type`, `expected one of ${quoted(types)}${plugins}; got ${JSON.stringify(value.type) ?? 'nothing'}`, owner)];
}

/** Every problem of `value` against `schema`, one per path, named by file and JSON path. */
function problemsOf(schema: TSchema, value: unknown, file: string, prefix: string, owner: string | undefined): PackageProblem[] {
  const seen = new Set<string>();
  const found: PackageProblem[] = [];
  for (const e of checkOf(schema).Errors(value)) {
    const path = jsonPath(prefix, e.path);
    if (seen.has(path)) continue;
    seen.add(path);
    found.push(...(variantProblems(e, file, path, owner) ?? [PackageErrors.problem(file, path, explain(e), owner)]));
  }
  return found;
}

/** Parses a file's JSON; `__proto__` keys are refused rather than trusted. */
function parseJson(file: string, text: string, problems: PackageProblem[], owner?: string): unknown {
  let poisoned = false;
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__') poisoned = true;
      return v;
    });
    if (poisoned) problems.push(PackageErrors.problem(file, '', 'a "__proto__" key is not allowed', owner));
    return poisoned ? undefined : value;
  } catch (error) {
    problems.push(PackageErrors.problem(file, '', `not valid JSON: ${(error as Error).message}`, owner));
    return undefined;
  }
}

/** The customisations of one content file, checked against the kinds its folder holds. */
function readItems(file: string, value: unknown, problems: PackageProblem[], owner: string | undefined): CustomisationChange[] {
  if (!Array.isArray(value)) {
    problems.push(PackageErrors.problem(file, '', 'expected a JSON array of customisations', owner));
    return [];
  }
  const folder = file.split('/')[0]!;
  const allowed = PACKAGE_FOLDERS.get(folder) ?? [];
  const items: CustomisationChange[] = [];
  for (const [i, raw] of (value as unknown[]).entries()) {
    if (!isObject(raw)) {
      problems.push(PackageErrors.problem(file, `[${i}]`, 'expected an object with a "kind"', owner));
      continue;
    }
    const kind = raw.kind;
    if (!isKind(kind) || !allowed.includes(kind)) {
      const home = [...PACKAGE_FOLDERS].find(([, kinds]) => (kinds as readonly unknown[]).includes(kind))?.[0];
      const why = home ? `"${String(kind)}" belongs in ${home}/, not ${folder}/` : `expected one of ${quoted(allowed)}; got ${JSON.stringify(kind) ?? 'nothing'}`;
      problems.push(PackageErrors.problem(file, `[${i}].kind`, why, owner));
      continue;
    }
    const found = problemsOf(ITEM_SCHEMAS[kind], raw, file, `[${i}]`, owner);
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
 * `KITH_PACKAGE_INVALID` listing every problem (file, JSON path and, through `owners`, the
 * plugin); returns the customisations in the order they apply.
 */
export function readPackage(files: PackageFiles, owners: PackageOwners = () => undefined): ConfigPackage {
  const problems: PackageProblem[] = [];
  const contents = new Map<string, CustomisationChange[]>();
  let manifest: PackageManifest | undefined;
  for (const file of Object.keys(files).sort()) {
    const text = files[file]!;
    if (file === MANIFEST) {
      const value = parseJson(file, text, problems);
      if (value === undefined) continue;
      const found = problemsOf(ManifestSchema, value, file, '', undefined);
      if (found.length > 0) problems.push(...found);
      else manifest = value as PackageManifest;
      continue;
    }
    if (!PACKAGE_FILE.test(file)) {
      problems.push(PackageErrors.problem(file, '', `not a package file; a package holds ${MANIFEST} and <folder>/<name>.json in the folders ${[...PACKAGE_FOLDERS.keys()].join(', ')}`));
      continue;
    }
    const owner = owners(file);
    const value = parseJson(file, text, problems, owner);
    if (value !== undefined) contents.set(file, readItems(file, value, problems, owner));
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
