/** Whether a form value means "no value". */
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isEmpty));

/** Drops empty parts of a composite value (`{ first: 'Ana', last: '' }` → `{ first: 'Ana' }`). */
function compact(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isEmpty(v)));
}

/** The form data of a record: the fields the form edits that hold a value (the schema has no nulls). */
export function formDataOf(record: Readonly<Record<string, unknown>>, formFields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(formFields.filter((f) => !isEmpty(record[f])).map((f) => [f, compact(record[f])]));
}

/** The body of a create: every filled-in field. */
export function createBody(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => !isEmpty(v)).map(([k, v]) => [k, compact(v)]));
}

/** The fields of an update: only what changed, and null for what was emptied. */
export function changedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, formFields: readonly string[]): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of formFields) {
    const was = isEmpty(before[field]) ? null : compact(before[field]);
    const now = isEmpty(after[field]) ? null : compact(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = now;
  }
  return changes;
}
