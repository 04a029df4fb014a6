import type { FieldDefinition } from '@kith/sdk';
import type { FieldChanges } from './customisation.js';

/**
 * What part of a stored field change no longer fits the field's type, or undefined when it fits.
 * Select options are the case an upgrade creates: the metadata API only accepts options on a
 * select, so options customised on a field that is now of another type mean its plugin changed
 * the type underneath the customisation.
 */
export function changeMisfit(field: FieldDefinition, changes: FieldChanges): string | undefined {
  const options = changes.addOptions !== undefined || changes.relabelOptions !== undefined || changes.removeOptions !== undefined;
  if (options && field.type !== 'select' && field.type !== 'multiSelect') return 'its select options';
  return undefined;
}
