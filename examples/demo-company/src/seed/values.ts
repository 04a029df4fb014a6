/**
 * The shapes of composite field values the seed writes. They mirror the core's
 * currency, address and personName field types; the record service validates them.
 */

/** A currency value: an amount in an ISO 4217 currency. */
export type Money = { readonly amount: number; readonly currency: string };

/** An address value; `country` is ISO 3166-1 alpha-2. */
export type Address = {
  readonly street: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly country: string;
};

/** A personName value. */
export type PersonName = { readonly first: string; readonly last: string };

/** Rounds an amount to its currency's minor unit (COP is quoted in whole pesos). */
export function money(amount: number, currency: string): Money {
  const factor = currency === 'COP' ? 1 : 100;
  return { amount: Math.round(amount * factor) / factor, currency };
}
