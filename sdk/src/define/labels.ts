import type { Labels } from '../types/metadata.js';

/** What an author may write for a label: a plain string (English) or labels per locale. */
export type LabelInput = string | Labels;

/** Normalises a label input to labels per locale. */
export function toLabels(input: LabelInput | undefined, fallback: string): Labels {
  if (input === undefined) return { en: fallback };
  if (typeof input === 'string') return { en: input };
  return input;
}
