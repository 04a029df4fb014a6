import { KithError, type ErrorDetail } from '../../errors/index.js';

/** Named factories for layout errors; every code is `KITH_LAYOUT_*` and stable API. */
export const LayoutErrors = {
  /** The layout as a whole is refused; `errors` names each problem's path (`sections.1.fields.0`). */
  invalid: (entity: string, errors: readonly ErrorDetail[]) =>
    new KithError({
      code: 'KITH_LAYOUT_INVALID',
      status: 400,
      ...(errors[0]?.field !== undefined ? { field: errors[0].field } : {}),
      message: errors.length === 1 ? `The layout of ${entity}: ${errors[0]!.message}` : `The layout of ${entity} has ${errors.length} problems: ${errors.map((e) => e.message).join(' ')}`,
      errors,
    }),

  unknownField: (path: string, entity: string, name: string): ErrorDetail => ({
    field: path,
    code: 'KITH_LAYOUT_UNKNOWN_FIELD',
    message: `${path}: ${entity} has no field "${name}".`,
  }),

  duplicateField: (path: string, name: string, first: string): ErrorDetail => ({
    field: path,
    code: 'KITH_LAYOUT_DUPLICATE_FIELD',
    message: `${path}: "${name}" is already placed at ${first}; a field appears once in a layout.`,
  }),

  emptySection: (path: string): ErrorDetail => ({
    field: path,
    code: 'KITH_LAYOUT_EMPTY_SECTION',
    message: `${path}: a section needs at least one field; remove the section or move a field into it.`,
  }),
};
