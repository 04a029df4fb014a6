import { labelFromName } from '@kith/sdk';

/** A select option with a label a person reads. */
export interface ReadableOption<V extends string> {
  readonly value: V;
  readonly label: string;
}

/** Select options with readable labels (`trade-show` → `Trade show`); the SDK's default label is the raw value. */
export function readableOptions<V extends string>(values: readonly V[]): ReadableOption<V>[] {
  return values.map((value) => ({ value, label: labelFromName(value.replace(/-/g, ' ')) }));
}
