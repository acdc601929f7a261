import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The prefix of every sealed value: the algorithm and the layout, so that a later one can be told apart. */
export const SEALED_PREFIX = 'aes-256-gcm:v1:';

/**
 * Encrypts a secret for storage with AES-256-GCM under `key` (32 bytes): `aes-256-gcm:v1:<iv>:<ciphertext>:<tag>`,
 * base64url. `context` (e.g. the table, column and row id) is bound in as additional data, so a sealed value copied
 * to another row or column does not open there.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return `${SEALED_PREFIX}${parts.join(':')}`;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** The secret a sealed value holds. Throws when the key or the context is not the one it was sealed with, or it was altered. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  const parts = isSealed(sealed) ? sealed.slice(SEALED_PREFIX.length).split(':') : [];
  if (parts.length !== 3) throw new Error(`Not a sealed secret (${context})`);
  const [iv, ciphertext, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `The sealed secret of ${context} does not open: another SECRETS_KEY, or the value was altered`,
    );
  }
}
