import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): 19 MiB of memory, 2 passes, 1 lane.
 * The parameters travel in the PHC string, so raising them later still verifies the hashes made before.
 */
const OPTIONS = {
  // Algorithm is a const enum, which isolated transpilation (ts-jest, ts-node) cannot inline: its value, 2, here.
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** NIST SP 800-63B: at least 15 characters where a password may be the only factor; no other composition rules. */
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows, verified against when the e-mail is unknown: both answers take as long. */
let decoy: Promise<string> | undefined;

/** Whether the password matches; with no stored hash, spends the same time on a decoy and answers false. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(`decoy-${Math.random()}`);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
