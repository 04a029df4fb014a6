import type { FieldTypeName } from '@kith/sdk';
import type { RecordRow } from '../data/row-mapper.js';
import type { CompiledEntity, CompiledField } from '../metadata/compile/compiled-types.js';

/**
 * The field types an anonymisation clears: those that hold what identifies a person (names,
 * contact details, addresses, free text, documents). Relations, owners, picklists, flags,
 * numbers, amounts and dates stay, so reports over the anonymised record still add up.
 */
export const PERSONAL_TYPES: ReadonlySet<FieldTypeName> = new Set(['text', 'longText', 'email', 'phone', 'url', 'personName', 'address', 'json', 'multiSelect']);

const WORD = 'Anonymised';

/** What a required personal field holds after anonymisation (optional ones become empty). */
function placeholder(entity: CompiledEntity, field: CompiledField, id: number): unknown {
  const { def } = field;
  const fit = (text: string) => (def.maxLength !== undefined ? text.slice(0, def.maxLength) : text);
  switch (def.type) {
    case 'text':
    case 'longText':
      return fit(def.unique ? `${WORD} ${entity.name} ${id}` : WORD);
    case 'email':
      return `anonymised-${entity.name.toLowerCase()}-${id}@example.invalid`;
    case 'personName':
      return { last: WORD };
    case 'address':
      return { city: WORD };
    default:
      return null;
  }
}

/** The record as anonymisation leaves it, and the fields it clears (those that held a value). */
export function anonymisedRecord(entity: CompiledEntity, record: RecordRow): { after: RecordRow; cleared: CompiledField[] } {
  const after: RecordRow = { ...record };
  const cleared: CompiledField[] = [];
  for (const field of entity.fields) {
    if (!PERSONAL_TYPES.has(field.def.type)) continue;
    const value = record[field.name];
    if (value === null || value === undefined) continue;
    after[field.name] = field.def.required ? placeholder(entity, field, record.id as number) : null;
    cleared.push(field);
  }
  return { after, cleared };
}
