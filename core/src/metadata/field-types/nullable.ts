/** True for null and undefined: the two ways a column or a part says "no value". */
export function isNothing(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** True when no column holds a value; such a field reads as null, whatever its shape. */
export function allNull(values: readonly unknown[]): boolean {
  return values.every(isNothing);
}

/** True for a CSV cell with nothing but whitespace, which every type imports as null. */
export function isBlankCell(cell: string): boolean {
  return cell.trim() === '';
}
