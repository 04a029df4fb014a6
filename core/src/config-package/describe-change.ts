import type { CustomisationChange } from '../metadata/customisation.js';
import type { NameBook } from './name-book.js';
import { mappingOf } from './package-kinds.js';

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** The package file a customisation belongs in: `entities/deal.json`, `roles/fieldRep.json`, `workflows/escalate.json`. */
export function fileOf(change: CustomisationChange, names: NameBook): string {
  const mapping = mappingOf(change);
  return `${mapping.folder}/${safe(mapping.file(change, names))}.json`;
}

/** One line a person reads in a plan: `add field deal.region (select)`. */
export function describeChange(change: CustomisationChange, names: NameBook): string {
  return mappingOf(change).summary(change, names);
}
