import { AuthErrors } from './auth-errors.js';

/** A request body as a plain object; anything else is a 400. */
export type Body = Readonly<Record<string, unknown>>;

/** Role names as role definitions allow them (the same rule as core/src/acl/check-roles.ts). */
const ROLE_NAME = /^[a-z][a-zA-Z0-9-]{0,63}$/;

/** The body as an object, refusing members outside `allowed` so a typo never passes silently. */
export function bodyObject(body: unknown, allowed: readonly string[]): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw AuthErrors.invalidInput('body', 'Send a JSON object.');
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw AuthErrors.invalidInput(key, `"${key}" cannot be set here. Allowed: ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  return body as Body;
}

/** A required, non-blank string of at most `max` characters. */
export function requiredString(body: Body, name: string, max = 500): string {
  const v = body[name];
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) throw AuthErrors.invalidInput(name, `Send "${name}" as a non-empty string of at most ${max} characters.`);
  return v;
}

/** An optional string (absent: undefined). */
export function optionalString(body: Body, name: string, max = 500): string | undefined {
  return body[name] === undefined ? undefined : requiredString(body, name, max);
}

/** An optional boolean. */
export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw AuthErrors.invalidInput(name, `"${name}" is true or false.`);
  return v;
}

/** A role name, checked for shape (which roles exist is the permissions metadata's business). */
export function roleName(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ROLE_NAME.test(value)) {
    throw AuthErrors.invalidInput(field, `${JSON.stringify(value) ?? String(value)} is not a role name: letters, digits and dashes, starting with a lower-case letter (at most 64).`);
  }
  return value;
}

/** An optional list of role names, without duplicates. */
export function optionalRoles(body: Body, name: string): string[] | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > 100) throw AuthErrors.invalidInput(name, `"${name}" is a list of up to 100 role names.`);
  return [...new Set(v.map((r) => roleName(r, name)))];
}

/** An optional list of ids (positive whole numbers), without duplicates. */
export function optionalIds(body: Body, name: string, max = 1000): number[] | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > max || !v.every((id) => Number.isSafeInteger(id) && (id as number) > 0)) {
    throw AuthErrors.invalidInput(name, `"${name}" is a list of up to ${max} ids (positive whole numbers).`);
  }
  return [...new Set(v as number[])];
}

/** A path id; anything but a positive whole number is a 404 of `notFound`. */
export function pathId(raw: string, notFound: (id: string) => Error): number {
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(id)) throw notFound(raw);
  return id;
}
