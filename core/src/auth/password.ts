import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): ~11 ms per hash measured here.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A slow, salted argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Whether `password` matches `stored` (false for a malformed hash, never a throw). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which emails are registered. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$MvCJiXZPr+qdxL4cyEFskQ$xFEyY6R5D2Q2q37fythk7ORy/0I1Qu/vNQthq/cncrI';

/** Why a new password is not acceptable, or undefined. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string' || password.length < 10) return 'Use a password of at least 10 characters.';
  if (password.length > 200) return 'Use a password of at most 200 characters.';
  return undefined;
}
