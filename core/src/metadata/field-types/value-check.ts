import type { ValueCheck } from './field-type.js';

/** A value that passed, in the form to store. */
export function accept(value: unknown): ValueCheck {
  return { ok: true, value };
}

/** A refused value, with a message saying what to do instead. */
export function refuse(message: string): ValueCheck {
  return { ok: false, message };
}

/** Quotes a value for a message, cut short so one huge input cannot flood an error response. */
export function quote(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
