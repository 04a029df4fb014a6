import type { PhonePlan } from './data/countries.js';
import type { Rng } from './random.js';

/** A valid E.164 number from one of the plans: the prefix plus random free digits. */
export function randomPhone(rng: Rng, plans: readonly PhonePlan[]): string {
  const plan = rng.pick(plans);
  return `${plan.prefix}${rng.digits(plan.digits)}`;
}
