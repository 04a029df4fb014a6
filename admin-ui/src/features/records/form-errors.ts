import type { Problem } from '../../api/types.js';

/** RJSF's error tree: `{ amount: { __errors: ['…'] } }`. */
export interface FieldErrorTree {
  [field: string]: { __errors: string[] };
}

/** A server error split into what belongs on a form field and what belongs above the form. */
export interface MappedErrors {
  readonly fields: FieldErrorTree;
  readonly general: readonly string[];
}

/** `amount`, `amount.currency`, `/amount/currency`, `amount[0]` → `amount` (the form shows composites as one field). */
function fieldOf(pointer: string): string {
  return pointer.replace(/^\//, '').split(/[./[]/)[0] ?? '';
}

/**
 * Puts each problem of a `problem+json` answer on the form field it names (validation errors,
 * rule messages, uniqueness), keeping the server's message word for word; problems about no
 * field or a field the form does not show go to `general`, so nothing the server said is lost.
 */
export function mapProblem(problem: Problem, formFields: ReadonlySet<string>): MappedErrors {
  const fields: FieldErrorTree = {};
  const general: string[] = [];
  const details = problem.errors?.length ? problem.errors : [{ field: problem.field, code: problem.code, message: problem.detail }];
  for (const detail of details) {
    const name = detail.field === undefined ? '' : fieldOf(detail.field);
    if (name && formFields.has(name)) {
      const entry = (fields[name] ??= { __errors: [] });
      if (!entry.__errors.includes(detail.message)) entry.__errors.push(detail.message);
    } else if (!general.includes(detail.message)) {
      general.push(detail.message);
    }
  }
  return { fields, general };
}
